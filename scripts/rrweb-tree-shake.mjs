// An esbuild plugin that lets rrweb's replay-side code fall out of the recorder bundle. rrweb's
// single-file ESM (dist/rrweb.js) inlines two copies of postcss (used only when replaying CSS) as
// CommonJS modules whose top-level calls and bare property reads esbuild must assume have side
// effects, so it keeps ~130 KB that the recorder never runs. Each rewrite below only marks code
// pure or drops a statement that merely reads a property; what the recorder references stays, since
// esbuild still keeps everything reachable. A rewrite that no longer matches (a new rrweb) fails
// the build rather than silently bloating it.
import { readFile } from "node:fs/promises";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
const REWRITES = [
  // `__toESM(( PURE __commonJSMin(...))(), 1)`: the inner call that runs postcss' module body is unannotated.
  [
    "postcss module bodies",
    /__toESM(\$1)?\(\(\/\* @__PURE__ \*\/ __commonJSMin/g,
    (_, d) => `__toESM${d ?? ""}(/* @__PURE__ */ (/* @__PURE__ */ __commonJSMin`,
    2,
  ],
  // Re-exports flattened into bare reads (`import_postcss.default.parse;`), each a possible getter call to esbuild.
  ["bare postcss reads", /^import_postcss(\$1)?\.default(\.\w+)?;$/gm, "", 49],
  [
    "postcss default binding",
    /^var postcss_default = import_postcss\$1\.default;$/gm,
    "var postcss_default = /* @__PURE__ */ (() => import_postcss$1.default)();",
    1,
  ],
  // Unused regexps of rrdom's copy of rrweb-snapshot, built and thrown away.
  ["bare RegExp constructions", /^new RegExp\(.*\);$/gm, "", 3],
];

/** The plugin: rewrites node_modules/rrweb/dist/rrweb.js as it is loaded. */
export const rrwebTreeShake = {
  name: "rrweb-tree-shake",
  setup(build) {
    build.onLoad({ filter: /[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/ }, async (args) => {
      let contents = await readFile(args.path, "utf8");
      for (const [what, pattern, replacement, expected] of REWRITES) {
        const found = contents.match(pattern)?.length ?? 0;
        if (found !== expected) throw new Error(`rrweb-tree-shake: ${what}: ${found} matches, expected ${expected} (has rrweb changed?)`);
        contents = contents.replace(pattern, replacement);
      }
      return { contents, loader: "js" };
    });
  },
};
