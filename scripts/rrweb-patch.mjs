// The esbuild plugin that rewrites rrweb's dist as the recorder bundle loads it: the tree-shaking
// marks (scripts/rrweb-tree-shake.mjs), the untainted-prototype fix (scripts/rrweb-untainted-check.mjs),
// the snapshot's walk (scripts/rrweb-snapshot-speed.mjs), the serializer's fast path
// (scripts/rrweb-fast-serialize.mjs), the CSP-safe style diff (scripts/rrweb-csp-safe.mjs) and the
// mutation walks by sibling links (scripts/rrweb-child-walk.mjs), one options object per
// mutation emit (scripts/rrweb-emit-options.mjs) and the hook that keeps removed subtrees a list
// renders again (scripts/rrweb-reuse-removed.mjs). A
// rewrite that no longer matches as often as expected (a new rrweb) fails the build rather than
// silently bloating or slowing it.
import { readFile } from "node:fs/promises";
import { TREE_SHAKE_REWRITES } from "./rrweb-tree-shake.mjs";
import { UNTAINTED_CHECK_REWRITES } from "./rrweb-untainted-check.mjs";
import { SNAPSHOT_SPEED_REWRITES } from "./rrweb-snapshot-speed.mjs";
import { FAST_SERIALIZE_REWRITES } from "./rrweb-fast-serialize.mjs";
import { CSP_SAFE_REWRITES } from "./rrweb-csp-safe.mjs";
import { CHILD_WALK_REWRITES } from "./rrweb-child-walk.mjs";
import { EMIT_OPTIONS_REWRITES } from "./rrweb-emit-options.mjs";
import { REUSE_REMOVED_REWRITES } from "./rrweb-reuse-removed.mjs";

export {
  CHILD_WALK_REWRITES,
  CSP_SAFE_REWRITES,
  EMIT_OPTIONS_REWRITES,
  FAST_SERIALIZE_REWRITES,
  REUSE_REMOVED_REWRITES,
  SNAPSHOT_SPEED_REWRITES,
  TREE_SHAKE_REWRITES,
  UNTAINTED_CHECK_REWRITES,
};

/** Every rewrite, in the order the plugin applies them. */
export const RRWEB_REWRITES = [
  ...TREE_SHAKE_REWRITES,
  ...UNTAINTED_CHECK_REWRITES,
  ...SNAPSHOT_SPEED_REWRITES,
  ...FAST_SERIALIZE_REWRITES,
  ...CSP_SAFE_REWRITES,
  ...CHILD_WALK_REWRITES,
  ...EMIT_OPTIONS_REWRITES,
  ...REUSE_REMOVED_REWRITES,
];

/** Applies `rewrites` ([what, pattern, replacement, expected matches]) to rrweb's dist text. */
export function applyRewrites(contents, rewrites) {
  let out = contents;
  for (const [what, pattern, replacement, expected] of rewrites) {
    const found = out.match(pattern)?.length ?? 0;
    if (found !== expected) throw new Error(`rrweb-patch: ${what}: ${found} matches, expected ${expected} (has rrweb changed?)`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** A plugin that applies `rewrites` to node_modules/rrweb/dist/rrweb.js as it is loaded (benches and tests compare subsets). */
export function rrwebPatchWith(rewrites) {
  return {
    name: "rrweb-patch",
    setup(build) {
      build.onLoad({ filter: /[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/ }, async (args) => {
        const contents = await readFile(args.path, "utf8");
        return { contents: applyRewrites(contents, rewrites), loader: "js" };
      });
    },
  };
}

/** The plugin the recorder's build uses: every rewrite. */
export const rrwebPatch = rrwebPatchWith(RRWEB_REWRITES);
