// rrweb 2.2.2 walks a node's children through `childNodes` (`.forEach`) wherever a mutation touches
// a subtree: genAdds over every added node, processRemoves and deepDelete over removed ones, the
// mirror's removeNodeFromMap over every node it forgets, and needMaskingText to learn whether an
// element has children at all. For a node whose `childNodes` was never read, Blink allocates the
// list (and, for a text node, an empty one) on that first read, so a 200-row re-sort allocates
// thousands of lists only to iterate them once. These walks read no DOM they change, so they follow
// `firstChild`/`nextSibling` instead: the same nodes in the same order, without the lists.
// bench/rrweb-mutations-ab.mjs times them (BENCH_AB_WITHOUT=CHILD_WALK_REWRITES), and
// test/e2e/recorder/rrweb-patch-equivalence.test.ts checks that the events stay byte-identical.

import { literal } from "./rrweb-rewrite-text.mjs";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const CHILD_WALK_REWRITES = [
  [
    "the mirror forgets a subtree by sibling links (the recorder's and the snapshot library's copies)",
    /if \(n\.childNodes\) n\.childNodes\.forEach\(\(childNode\) => this\.removeNodeFromMap\(childNode\)\);(\s+const shadowRoot = src_default\$[12]\.shadowRoot\(n\);)/g,
    "for (let childNode = n.firstChild; childNode; childNode = childNode.nextSibling) this.removeNodeFromMap(childNode);$1",
    2,
  ],
  [
    "genAdds walks an added node's children by sibling links",
    literal("src_default.childNodes(n).forEach((childN) => this.genAdds(childN));"),
    "for (let childN = src_default.firstChild(n); childN; childN = src_default.nextSibling(childN)) this.genAdds(childN);",
    1,
  ],
  [
    "deepDelete walks a dropped node's children by sibling links",
    literal("src_default.childNodes(n).forEach((childN) => deepDelete(addsSet, childN));"),
    "for (let childN = src_default.firstChild(n); childN; childN = src_default.nextSibling(childN)) deepDelete(addsSet, childN);",
    1,
  ],
  [
    "processRemoves queues a removed node's children by sibling links",
    literal("src_default.childNodes(next).forEach((n) => queue.push(n));"),
    "for (let n = src_default.firstChild(next); n; n = src_default.nextSibling(n)) queue.push(n);",
    1,
  ],
  [
    "needMaskingText asks whether an element has children without listing them",
    literal("if (!src_default$2.childNodes(el).length) return false;"),
    "if (!src_default$$2.firstChild(el)) return false;",
    1,
  ],
];
