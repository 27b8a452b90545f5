// rrweb 2.2.2 asks `isBlocked` about every node a mutation batch touches: each added node (a text
// node asks again about its parent element), and each childList record's target, with
// `Element.closest(blockSelector)`. A re-sort of 200 rows asks about the same <tbody> 400 times.
// With our block selector (a list of every tool's markers, recorder/privacy/markers.ts) each answer
// is a selector match, and `isBlocked` was the largest single item of our steady-state self time
// on the bench's heavy page (8 %). While one batch is processed nothing else runs, so the DOM
// cannot change between two questions: within `processMutations` the answers are remembered per
// element, and forgotten when it returns. Everywhere else (the input, scroll and media observers)
// rrweb asks as before.

// Each replacement keeps the line count of what it replaces: rrweb's source map is by line.

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const BLOCK_MEMO_REWRITES = [
  [
    "isBlocked remembers its answers while a mutation batch is processed",
    /function isBlocked\(node, blockClass, blockSelector, checkAncestors\) \{\n\tif \(!node\) return false;\n\tconst el = closestElementOfNode\(node\);\n\tif \(!el\) return false;\n\ttry \{/g,
    [
      "let blockedMemo = null; function isBlocked(node, blockClass, blockSelector, checkAncestors) {",
      "\tif (!node) return false;",
      "\tconst el = closestElementOfNode(node);",
      '\tif (!el) return false; if (blockedMemo === null || typeof blockClass !== "string") return isBlockedNow(el, blockClass, blockSelector, checkAncestors); const memo = checkAncestors ? blockedMemo.withAncestors : blockedMemo.self; let blocked = memo.get(el); if (blocked === void 0) { blocked = isBlockedNow(el, blockClass, blockSelector, checkAncestors); memo.set(el, blocked); } return blocked; }',
      "function isBlockedNow(el, blockClass, blockSelector, checkAncestors) { try {",
    ].join("\n"),
    1,
  ],
  [
    "a mutation batch keeps isBlocked's answers until it is processed",
    /processMutations = \(mutations\) => \{\n\t\tmutations\.forEach\(this\.processMutation\);\n/g,
    "processMutations = (mutations) => {\n\t\tblockedMemo = { self: new Map(), withAncestors: new Map() }; try { mutations.forEach(this.processMutation); } finally { blockedMemo = null; }\n",
    1,
  ],
];
