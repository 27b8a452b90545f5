// rrweb 2.2.2's mutation emit builds, for every node it serializes, an options object of 20 fields
// and three closures for `serializeNodeWithId`, all the same for every node of one emit but for
// `cssCaptured`: a 200-row re-sort builds 2,200 of them. One object per emit serves every node,
// `cssCaptured` set before each call. The closures read the emit's own `n` binding (the node being
// serialized), as before; serializeNodeWithId only reads its options. Line count kept: rrweb's
// own source map (chained by esbuild) is by line.
// bench/rrweb-mutations-ab.mjs times it (BENCH_AB_WITHOUT=EMIT_OPTIONS_REWRITES), and
// test/e2e/recorder/rrweb-patch-equivalence.test.ts checks that the events stay byte-identical.

import { newlines } from "./rrweb-rewrite-text.mjs";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const EMIT_OPTIONS_REWRITES = [
  [
    "the mutation emit builds one serializer options object, not one per node",
    /(const missingParents = \/\* @__PURE__ \*\/ new Set\(\);)([\s\S]*?)const sn = serializeNodeWithId\(n, \{\n([\s\S]*?)\n\t*cssCaptured\n\t*\}\);/g,
    (match, missing, between, fields) => {
      const oneLine = fields.replace(/\n\t*/g, " ");
      const call = "addOptions.cssCaptured = cssCaptured; const sn = serializeNodeWithId(n, addOptions);";
      const head = `${missing} const addOptions = {${oneLine} cssCaptured: false };${between}${call}`;
      return head + "\n".repeat(newlines(match) - newlines(head));
    },
    1,
  ],
];
