// rrweb 2.2.2 records a list that is rendered again (a re-sorted table whose rows are built anew,
// a feed re-rendered by a framework without keys) as every old node removed and every new node
// added, one add per node: 2,200 adds for a 200-row table, each with its own id, parent and next
// sibling, which gzip cannot shrink much (two thirds of the bytes of the benchmark's session).
// When a removed subtree and an added one are the same (recorder/capture/reuse-removed.ts decides),
// the replay can keep the removed nodes: the new DOM nodes take the old nodes' ids in rrweb's
// mirror, the removal is not recorded, and the add names only the subtree's root, with the meta
// the replay already holds for that id, so that rrweb's replayer (buildNodeWithSN: a node already
// in its mirror with an equal meta is reused, not built) moves the existing node to its place.
// A subtree moved within its parent is kept too (rrweb would record it removed and added whole).
// These rewrites give MutationBuffer the hook for that (set with `setMutationReuse`, none by
// default: rrweb records as before), the set of nodes the batch's records touched, and the emit
// loop's use of the hook's answer. Line count kept: rrweb's own source map (chained by esbuild) is
// by line.

import { literal } from "./rrweb-rewrite-text.mjs";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const REUSE_REMOVED_REWRITES = [
  [
    "a module-level reuse hook, set by the recorder",
    literal("var moveKey = "),
    "var mutationReuseHook = null; function setMutationReuse(hook) { mutationReuseHook = hook; } var moveKey = ",
    1,
  ],
  ["the hook's setter is exported", literal("export { EventType, IncrementalSource,"), "export { setMutationReuse, EventType, IncrementalSource,", 1],
  [
    "a buffer keeps the nodes its records touched, and the hook's answer for one emit",
    literal("\tmapRemoves = [];"),
    "\tmapRemoves = []; touched = new Set(); reused = null;",
    1,
  ],
  [
    "every record's target is remembered while a hook is set",
    literal("processMutation = (m) => {"),
    "processMutation = (m) => { if (mutationReuseHook) this.touched.add(m.target);",
    1,
  ],
  [
    "the hook runs before the removed nodes leave the mirror",
    literal("const addedIds = /* @__PURE__ */ new Set();"),
    "const addedIds = /* @__PURE__ */ new Set(); this.reused = mutationReuseHook && this.removes.length && (this.addedSet.size || this.movedSet.size) ? mutationReuseHook(this) : null;",
    1,
  ],
  [
    "a kept subtree's root is added with the meta the replay holds, not serialized again",
    literal("const sn = serializeNodeWithId(n, "),
    "const sn = this.reused?.get(n) ?? serializeNodeWithId(n, ",
    1,
  ],
  [
    "a kept root's changes in this batch are still sent (the replay's node is the old one)",
    literal("addedIds.add(sn.id);"),
    "if (!this.reused?.has(n)) addedIds.add(sn.id);",
    1,
  ],
  [
    "what the hook used is dropped with the emit",
    literal("\t\tthis.movedMap = {};\n\t\tthis.mutationCb(payload);"),
    "\t\tthis.movedMap = {}; this.touched = new Set(); this.reused = null;\n\t\tthis.mutationCb(payload);",
    1,
  ],
];
