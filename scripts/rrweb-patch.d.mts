// Types of scripts/rrweb-patch.mjs, for the tests that apply its rewrites to rrweb's dist text.
import type { Plugin } from "esbuild";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export type Rewrite = [what: string, pattern: RegExp, replacement: string | ((match: string, ...groups: string[]) => string), expected: number];

export const TREE_SHAKE_REWRITES: Rewrite[];
export const UNTAINTED_CHECK_REWRITES: Rewrite[];
export const SNAPSHOT_SPEED_REWRITES: Rewrite[];
export const FAST_SERIALIZE_REWRITES: Rewrite[];
export const CSP_SAFE_REWRITES: Rewrite[];
export const CHILD_WALK_REWRITES: Rewrite[];
export const EMIT_OPTIONS_REWRITES: Rewrite[];
export const REUSE_REMOVED_REWRITES: Rewrite[];
/** Every rewrite, in the order the plugin applies them. */
export const RRWEB_REWRITES: Rewrite[];
/** Applies `rewrites` to rrweb's dist text; throws when one matches other than expected. */
export function applyRewrites(contents: string, rewrites: Rewrite[]): string;
/** An esbuild plugin that applies `rewrites` to node_modules/rrweb/dist/rrweb.js as it is loaded. */
export function rrwebPatchWith(rewrites: Rewrite[]): Plugin;
/** The esbuild plugin the recorder's build uses: every rewrite. */
export const rrwebPatch: Plugin;
