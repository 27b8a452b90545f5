/**
 * Keeps removed subtrees that a batch adds again as new, identical nodes (a table re-sorted by
 * building its rows anew, a list a framework renders again without keys). rrweb records such a
 * batch as every old node removed and every new one added, one add per node with its own id,
 * parent and next sibling: numbers gzip cannot shrink, two thirds of the benchmark's bytes. Here
 * the new nodes take the old nodes' ids in rrweb's mirror, the removal is not recorded, and one
 * add names the subtree's root with the meta the replay already holds, so rrweb's replayer reuses
 * its existing node (and everything in it) and moves it to its new place. Run from rrweb's
 * mutation emit through the hook of scripts/rrweb-reuse-removed.mjs, before the removed nodes
 * leave the mirror. A subtree moved within its parent (a keyed list re-sorted) is kept the same
 * way: rrweb would record it removed and serialize it again whole; its root's add moves it.
 *
 * The replay then shows the old nodes as they were last recorded, so a pair is taken only when
 * that is exactly what recording the new nodes would have shown:
 * - the two subtrees are equal node for node (tags, attributes in order, text), and no record of
 *   this batch touched the old one (its last recorded state is the one compared);
 * - same parent, which this batch did not remove, and which is not private: the same ancestors,
 *   so the same privacy, given mask, block and ignore selectors that do not look at position or
 *   siblings (`positionFree`); nothing private, blocked or ignored inside the new subtree;
 * - the root is an element that ends a text run (text-runs.ts), so redaction by runs reads the
 *   same text; no node whose state is not in its markup (form fields, media, canvas, frames,
 *   styles, shadow roots), no comments.
 */

import type { SerializedNode } from "../privacy/scrub-tree";
import { RUN_BOUNDARY_TAGS } from "../privacy/text-runs";

/** The parts of rrweb's mirror (record's id ↔ node map) this module reads and rewrites. */
export interface MirrorView {
  getId(node: Node | null): number;
  getNode(id: number): Node | null;
  getMeta(node: Node): SerializedNode | null;
  add(node: Node, meta: SerializedNode): void;
  nodeMetaMap: WeakMap<Node, SerializedNode>;
}

/** The parts of rrweb's MutationBuffer (one batch of records, before its emit) this module reads and rewrites. */
export interface MutationBufferView {
  mirror: MirrorView;
  removes: Array<{ parentId: number; id: number; isShadow?: boolean }>;
  mapRemoves: Node[];
  addedSet: Set<Node>;
  movedSet: Set<Node>;
  droppedSet: Set<Node>;
  removesSubTreeCache: Set<Node>;
  /** Targets of the batch's records (scripts/rrweb-reuse-removed.mjs). */
  touched: Set<Node>;
}

/** Kept roots (new DOM nodes) → the node their add carries. */
export type ReusedRoots = Map<Node, SerializedNode>;

/** What rrweb calls at each emit that removed and added nodes. */
export type MutationReuseHook = (buffer: MutationBufferView) => ReusedRoots | null;

/**
 * Elements whose state is not all in their markup (a field's value, a media element's time, a
 * canvas's pixels, a modal dialog), or that rrweb serializes specially (frames, styles, scripts,
 * templates, slots).
 */
const UNSAFE_TAGS: ReadonlySet<string> = new Set(
  (
    "input textarea select option optgroup output progress meter video audio canvas iframe frame frameset object embed " +
    "style link script noscript template slot dialog details summary"
  ).split(" "),
);

/** Selector syntax whose match depends on an element's position or siblings. */
const POSITIONAL = /:(nth-|first-|last-|only-|has\()|[+~]/i;

/** Whether none of `selectors` can match an element differently at another place under the same parent. */
export function positionFree(selectors: readonly string[]): boolean {
  return selectors.every((s) => !POSITIONAL.test(s));
}

/** Nodes this module made an add of: already scrubbed when first recorded, so the scrubber leaves them. */
const reusedNodes = new WeakSet<object>();

/** Whether `node` is the add of a kept subtree's root (see reusedNodes). */
export function isReusedNode(node: object): boolean {
  return reusedNodes.has(node);
}

/** Whether a recorded mutation carries any kept root (its snapshot's scrub must have finished first). */
export function hasReusedAdds(data: { adds?: Array<{ node: object }> }): boolean {
  return data.adds?.some((add) => reusedNodes.has(add.node)) ?? false;
}

const HTML_NS = "http://www.w3.org/1999/xhtml";

/**
 * A subtree as one string, equal for two subtrees exactly when they are equal node for node, or
 * null when a node cannot be kept or `accept` refuses it ("" for any keepable subtree when `build`
 * is false: only checked). No name holds whitespace, `=`, `/` or `>` (the DOM refuses them), and
 * a length prefixes every value and text, so no content can imitate structure.
 */
function signature(root: Element, accept: (node: Node) => boolean, build = true): string | null {
  let out = "";
  let node: Node = root;
  for (;;) {
    if (!accept(node)) return null;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (UNSAFE_TAGS.has(el.localName) || el.shadowRoot) return null;
      if (build) {
        out += (el.namespaceURI === HTML_NS ? "<" : "<~") + el.localName;
        if (el.hasAttributes()) for (const attr of el.attributes) out += ` ${attr.name}=${attr.value.length}:${attr.value}`;
        out += ">";
      }
      if (el.firstChild) {
        node = el.firstChild;
        continue;
      }
      if (build) out += "/";
    } else if (node.nodeType === 3) {
      if (build) out += `#${(node as Text).data.length}:${(node as Text).data}`;
    } else {
      return null;
    }
    // Up to the next sibling, closing each element left on the way.
    while (node !== root && !node.nextSibling) {
      node = node.parentNode as Node;
      if (build) out += "/";
    }
    if (node === root) return out;
    node = node.nextSibling as Node;
  }
}

/** Calls `visit` for the nodes of two subtrees of the same shape, pairwise in document order. */
function walkPairs(a: Node, b: Node, visit: (a: Node, b: Node) => void): void {
  visit(a, b);
  for (let x = a.firstChild, y = b.firstChild; x && y; x = x.nextSibling, y = y.nextSibling) walkPairs(x, y, visit);
}

function inSetOrAncestor(set: Set<Node>, node: Node | null): boolean {
  if (set.size === 0) return false;
  for (let cur = node; cur; cur = cur.parentNode) if (set.has(cur)) return true;
  return false;
}

/** The settings a hook is made with. */
export interface ReuseSettings {
  /** Mask, block and ignore selectors together: nothing matching them is kept. */
  unsafeSelector: string;
  /** Whether a parent is private (the recorder's private-scope lookup, for this batch). */
  isPrivate(node: Node): boolean;
}

/** The hook: pairs the batch's removed subtrees with equal added ones under the same parent, and keeps the pairs. */
export function reuseRemovedSubtrees(buffer: MutationBufferView, settings: ReuseSettings): ReusedRoots | null {
  const { mirror, addedSet, touched } = buffer;
  const removedUnder = new Map<number, number[]>();
  for (const r of buffer.removes) {
    if (r.isShadow) continue;
    const list = removedUnder.get(r.parentId);
    if (list) list.push(r.id);
    else removedUnder.set(r.parentId, [r.id]);
  }
  // New roots (their parent was there before the batch) under a parent that lost nodes.
  const rootsUnder = new Map<Node, Element[]>();
  for (const n of addedSet) {
    const parent = n.parentNode;
    if (n.nodeType !== 1 || !parent || addedSet.has(parent) || !removedUnder.has(mirror.getId(parent))) continue;
    const list = rootsUnder.get(parent);
    if (list) list.push(n as Element);
    else rootsUnder.set(parent, [n as Element]);
  }

  // Pairs and moves first, the mirror changed after: a pairing that fails half-way must leave rrweb's state whole.
  const pairs: Array<[old: Element, added: Element, rootMeta: SerializedNode]> = [];
  const moves: Array<[moved: Element, rootMeta: SerializedNode]> = [];
  const acceptOld = (node: Node) => mirror.getId(node) > 0 && !touched.has(node);
  const acceptNew = (node: Node) => addedSet.has(node) && !buffer.droppedSet.has(node);
  for (const [parentId, removedIds] of removedUnder) {
    const parent = mirror.getNode(parentId);
    if (parent?.nodeType !== 1 || (parent as Element).shadowRoot || !parent.isConnected) continue;
    if (buffer.removesSubTreeCache.has(parent) || inSetOrAncestor(buffer.droppedSet, parent)) continue;
    const roots = rootsUnder.get(parent);
    // Privacy is looked up only once a subtree could be kept (most batches keep nothing): a private
    // parent keeps nothing, and one query for the whole parent tells whether anything in it needs
    // a look of its own (most lists have nothing private, blocked or ignored in them).
    let parentPrivate: boolean | undefined;
    let anyUnsafe: boolean | undefined;
    const unsafe = (el: Element) => {
      parentPrivate ??= settings.isPrivate(parent);
      if (parentPrivate) return true;
      anyUnsafe ??= (parent as Element).querySelector(settings.unsafeSelector) !== null;
      return anyUnsafe && (el.matches(settings.unsafeSelector) || el.querySelector(settings.unsafeSelector) !== null);
    };
    // Old subtrees by signature; several equal ones are paired in turn.
    const old = new Map<string, Element[]>();
    for (const id of removedIds) {
      const o = mirror.getNode(id);
      if (o?.nodeType !== 1 || !RUN_BOUNDARY_TAGS.has((o as Element).localName)) continue;
      const meta = mirror.getMeta(o);
      if (!meta) continue;
      if (o.parentNode === parent && buffer.movedSet.has(o)) {
        // Moved within its parent (a keyed list re-sorted): the replay's node is this very one.
        if (signature(o as Element, acceptOld, false) !== null && !unsafe(o as Element)) moves.push([o as Element, meta]);
        continue;
      }
      if (!roots || o.parentNode || buffer.movedSet.has(o)) continue;
      const sig = signature(o as Element, acceptOld);
      if (sig === null) continue;
      const list = old.get(sig);
      if (list) list.push(o as Element);
      else old.set(sig, [o as Element]);
    }
    if (old.size === 0 || !roots) continue;
    for (const n of roots) {
      if (!RUN_BOUNDARY_TAGS.has(n.localName)) continue;
      const sig = signature(n, acceptNew);
      const candidates = sig === null ? undefined : old.get(sig);
      const o = candidates?.length && !unsafe(n) ? candidates.shift() : undefined;
      const rootMeta = o ? mirror.getMeta(o) : null;
      if (o && rootMeta) pairs.push([o, n, rootMeta]);
    }
  }
  if (pairs.length === 0 && moves.length === 0) return null;

  const kept: ReusedRoots = new Map();
  const keptOld = new Set<Node>();
  const keptIds = new Set<number>();
  const keep = (root: Node, rootMeta: SerializedNode) => {
    // The replay compares the add with its own meta for the id (rrweb's isNodeMetaEqual), which
    // ignores children: the scrubbed attributes are shared, not copied.
    const add: SerializedNode = { ...rootMeta, childNodes: [] };
    reusedNodes.add(add);
    kept.set(root, add);
    keptIds.add(rootMeta.id);
  };
  for (const [o, n, rootMeta] of pairs) {
    walkPairs(o, n, (oldNode, newNode) => {
      const meta = mirror.getMeta(oldNode) as SerializedNode;
      // The old node must not keep the id: put back into the page later, it is a new node.
      mirror.nodeMetaMap.delete(oldNode);
      mirror.add(newNode, meta);
      if (newNode !== n) addedSet.delete(newNode);
    });
    keptOld.add(o);
    keep(n, rootMeta);
  }
  for (const [moved, rootMeta] of moves) {
    // rrweb queued the whole subtree to be serialized again; only the root is added, by its id.
    walkPairs(moved, moved, (node) => {
      if (node !== moved) buffer.movedSet.delete(node);
    });
    keptOld.add(moved);
    keep(moved, rootMeta);
  }
  buffer.removes = buffer.removes.filter((r) => !keptIds.has(r.id));
  buffer.mapRemoves = buffer.mapRemoves.filter((node) => !keptOld.has(node));
  return kept;
}

/**
 * A hook for rrweb (scripts/rrweb-reuse-removed.mjs): each emit gets a fresh privacy lookup (made when first asked); an
 * error is reported and leaves the batch to rrweb as it is (nothing is changed before the pairs are known).
 */
export function createReuseHook(unsafeSelector: string, privateLookup: () => (node: Node) => boolean, onError: () => void): MutationReuseHook {
  return (buffer) => {
    let lookup: ((node: Node) => boolean) | undefined;
    try {
      return reuseRemovedSubtrees(buffer, { unsafeSelector, isPrivate: (node) => (lookup ??= privateLookup())(node) });
    } catch {
      onError();
      return null;
    }
  };
}

declare module "rrweb" {
  /** Present in the recorder's build of rrweb only (scripts/rrweb-reuse-removed.mjs). */
  export const setMutationReuse: ((hook: MutationReuseHook | null) => void) | undefined;
}
