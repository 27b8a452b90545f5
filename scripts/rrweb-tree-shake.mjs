// Rewrites that let rrweb's replay-side code fall out of the recorder bundle. rrweb's
// single-file ESM (dist/rrweb.js) inlines two copies of postcss (used only when replaying CSS) as
// CommonJS modules whose top-level calls and bare property reads esbuild must assume have side
// effects, so it keeps ~130 KB that the recorder never runs. Each rewrite below only marks code
// pure or drops a statement that merely reads a property; what the recorder references stays, since
// esbuild still keeps everything reachable. Applied by scripts/rrweb-patch.mjs.

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const TREE_SHAKE_REWRITES = [
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
