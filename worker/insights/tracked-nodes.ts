import { NodeType } from "../../protocol/rrweb";
import { readArray, readNumber, readObject } from "./insight-events";

/**
 * The nodes a click could be judged on: every `<a>`, `<button>` and `<input>` (whether it is a
 * link or a submit button can change with its attributes) and the nodes inside them, which point
 * at their owner (a click on `<button><span>Pay</span></button>` lands on the span). Nothing else
 * is kept, so a page of 100,000 nodes with 40 buttons keeps about 40 entries plus their contents.
 * A plain object keyed by rrweb node id, so the state serializes as JSON between chunks.
 */
export type TrackedNodes = Record<string, TrackedNode>;

/** A candidate element, or a node inside one (`owner`: the element's id). */
export type TrackedNode = { tag: string; href: boolean; inputType: string | null; text: string } | { owner: number };

/**
 * Most nodes tracked: bounds the state the session's object stores per chunk (well under 1 MB of
 * JSON). rrweb reports only the top node of a removed subtree, so buttons inside a removed `<div>`
 * stay in the map until a full snapshot resets it; an app that keeps rendering new views would
 * fill it. At the bound the oldest quarter (lowest ids: rrweb numbers nodes as they appear) goes,
 * so the map follows the page as it is now; a click on a forgotten node is never called dead (a
 * missed dead click rather than a false one).
 */
export const MAX_TRACKED_NODES = 5_000;
const EVICTED_AT_BOUND = MAX_TRACKED_NODES / 4;
/** Characters of an element's text kept for its label. */
export const LABEL_TEXT_MAX_CHARS = 40;

/** Elements a click is judged on. */
export const CANDIDATE_TAGS: ReadonlySet<string> = new Set(["a", "button", "input"]);
const ANSWERING_INPUT_TYPES: ReadonlySet<string> = new Set(["button", "submit"]);

/**
 * Entries per map, kept beside it (the map is plain JSON in the state, so it cannot carry its own
 * size): counting its keys on every mutation was the detector's largest cost on a busy page. Every
 * change to a map goes through this module, which keeps the count true.
 */
const sizes = new WeakMap<TrackedNodes, number>();
/**
 * Changes made to each map, so the session's object writes the map to its SQLite only when a
 * chunk changed it (most chunks change no tracked node, and the map is the state's bulk).
 */
const revisions = new WeakMap<TrackedNodes, number>();

/** How many times this module changed `nodes` (0 for a map it never changed, e.g. one read from JSON). */
export function nodesRevision(nodes: TrackedNodes): number {
  return revisions.get(nodes) ?? 0;
}

function changed(nodes: TrackedNodes): void {
  revisions.set(nodes, nodesRevision(nodes) + 1);
}

function countNodes(nodes: TrackedNodes): number {
  let size = sizes.get(nodes);
  if (size === undefined) {
    size = Object.keys(nodes).length;
    sizes.set(nodes, size);
  }
  return size;
}

/** Drops the oldest entries; integer keys iterate in ascending order, so these are the lowest ids. */
function evictOldest(nodes: TrackedNodes): number {
  let dropped = 0;
  for (const key in nodes) {
    if (dropped >= EVICTED_AT_BOUND) break;
    delete nodes[key];
    dropped++;
  }
  const size = countNodes(nodes) - dropped;
  sizes.set(nodes, size);
  if (dropped > 0) changed(nodes);
  return size;
}

/** Text as a label keeps it: whitespace collapsed, at most LABEL_TEXT_MAX_CHARS. */
export function clipText(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, LABEL_TEXT_MAX_CHARS);
}

function readAttributes(node: Record<string, unknown>) {
  const attrs = readObject(node.attributes) ?? {};
  const type = attrs.type;
  return { href: typeof attrs.href === "string", inputType: typeof type === "string" ? type.toLowerCase() : null, value: attrs.value };
}

/** The element that owns node `id`, if tracked. */
export function findOwner(nodes: TrackedNodes, id: number): Extract<TrackedNode, { tag: string }> | null {
  const node = nodes[id];
  if (!node) return null;
  if ("tag" in node) return node;
  const owner = nodes[node.owner];
  return owner && "tag" in owner ? owner : null;
}

/** Whether a click on this element should make the page answer: a link, a button, a button-like input. */
export function expectsAnswer(el: Extract<TrackedNode, { tag: string }>): boolean {
  if (el.tag === "a") return el.href;
  if (el.tag === "button") return true;
  return el.tag === "input" && el.inputType !== null && ANSWERING_INPUT_TYPES.has(el.inputType);
}

/** "button 'Pay'": the element's tag and its short (already masked) text. */
export function labelOf(el: Extract<TrackedNode, { tag: string }>): string {
  return el.text ? `${el.tag} '${el.text}'` : el.tag;
}

/**
 * Visits a serialized subtree (rrweb-snapshot shape) in document order, iteratively (a deep page
 * cannot overflow the stack); a node without a numeric id is skipped with everything under it.
 */
export function walkTree(
  root: Record<string, unknown>,
  parentId: number | null,
  visit: (node: Record<string, unknown>, id: number, parentId: number | null) => void,
): void {
  const stack: Array<{ node: Record<string, unknown>; parentId: number | null }> = [{ node: root, parentId }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const id = readNumber(item.node.id);
    if (id === null) continue;
    visit(item.node, id, item.parentId);
    // Children in reverse so that they are visited in document order.
    const children = readArray(item.node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = readObject(children[i]);
      if (child) stack.push({ node: child, parentId: id });
    }
  }
}

type Candidate = Extract<TrackedNode, { tag: string }>;

/**
 * Writes nodes into a map as they are added, in document order: a node whose parent is tracked
 * is owned by its parent's owner (its text joins the owner's label), else a candidate element is
 * tracked itself; at the bound the oldest entries go first. `done()` keeps the count and notes the change.
 */
class NodePlacer {
  private size: number;
  private touched = false;

  constructor(private readonly nodes: TrackedNodes) {
    this.size = countNodes(nodes);
  }

  /** `candidate`: the node's entry when it is a link, button or input (used only when its parent is not tracked). */
  place(id: number, parentId: number | null, text: string | null, candidate: Candidate | null): void {
    const nodes = this.nodes;
    const parent = parentId === null ? undefined : nodes[parentId];
    const ownerId = parent === undefined || parentId === null ? null : "tag" in parent ? parentId : parent.owner;
    const entry: TrackedNode | null = ownerId === null ? candidate : { owner: ownerId };
    if (entry === null) return;
    if (this.size >= MAX_TRACKED_NODES) this.size = evictOldest(nodes);
    this.touched = true;
    const existing = nodes[id];
    if (existing === undefined) this.size++;
    // A recorder may add a node the replay already has again, to move it with what is inside it
    // (recorder/capture/reuse-removed.ts): its label text stays.
    else if ("tag" in existing && "tag" in entry) entry.text = existing.text;
    nodes[id] = entry;
    const owner = ownerId === null ? undefined : nodes[ownerId];
    if (text !== null && owner && "tag" in owner) owner.text = clipText(`${owner.text} ${text}`);
  }

  done(): void {
    sizes.set(this.nodes, this.size);
    if (this.touched) changed(this.nodes);
  }
}

/** Adds a serialized node and its subtree under `parentId`. Text inside an element becomes its label text. */
export function addSubtree(nodes: TrackedNodes, root: Record<string, unknown>, parentId: number | null): void {
  const placer = new NodePlacer(nodes);
  walkTree(root, parentId, (node, id, at) => {
    const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
    const text = node.type === NodeType.Text && typeof node.textContent === "string" ? node.textContent : null;
    let candidate: Candidate | null = null;
    if (node.type === NodeType.Element && CANDIDATE_TAGS.has(tag)) {
      const attrs = readAttributes(node);
      candidate = { tag, href: attrs.href, inputType: attrs.inputType, text: typeof attrs.value === "string" ? clipText(attrs.value) : "" };
    }
    placer.place(id, at, text, candidate);
  });
  placer.done();
}

/** What a node of a flat subtree is to the map (insight-digest.ts `flatSubtree`). */
export enum FlatKind {
  /** Maps to its owner, nothing more. */
  Plain = 0,
  /** A text node: one value, its (clipped) text. */
  Text = 1,
  /** An `<a>`, `<button>` or `<input>`: four values, its tag, whether it has an href, its input type and its (clipped) value. */
  Candidate = 2,
}
export type FlatValue = string | boolean | null;
/** Added subtrees, flattened: `n` is [id, parent id, kind] per node in document order, `s` the values the kinds take. */
export interface FlatSubtree {
  n: number[];
  s: FlatValue[];
}
/** The parent id of an added root whose add named no parent. */
export const FLAT_NO_PARENT = -1;

/** `addSubtree` over each add of a flat list in turn: the same entries, text, evictions and order. */
export function addFlat(nodes: TrackedNodes, flat: FlatSubtree): void {
  const { n, s } = flat;
  const placer = new NodePlacer(nodes);
  let v = 0;
  for (let i = 0; i + 2 < n.length; i += 3) {
    const kind = n[i + 2];
    let candidate: Candidate | null = null;
    if (kind === FlatKind.Candidate) {
      const type = s[v + 2];
      const value = s[v + 3];
      candidate = {
        tag: String(s[v]),
        href: s[v + 1] === true,
        inputType: typeof type === "string" ? type : null,
        text: typeof value === "string" ? clipText(value) : "",
      };
    }
    placer.place(n[i], n[i + 1] === FLAT_NO_PARENT ? null : n[i + 1], kind === FlatKind.Text ? String(s[v]) : null, candidate);
    v += kind === FlatKind.Text ? 1 : kind === FlatKind.Candidate ? 4 : 0;
  }
  placer.done();
}

/** `addFlat` for a value read from a digest: nothing when it holds no flat list. */
export function addFlatValue(nodes: TrackedNodes, value: unknown): void {
  const flat = readFlat(value);
  if (flat) addFlat(nodes, flat);
}

/** A flat subtree's two arrays, or null when `value` is not one. */
function readFlat(value: unknown): FlatSubtree | null {
  const flat = readObject(value);
  return flat && Array.isArray(flat.n) && Array.isArray(flat.s) ? { n: flat.n as number[], s: flat.s as FlatValue[] } : null;
}

/** Forgets node `id` and, when it is an element, everything inside it. */
export function removeNode(nodes: TrackedNodes, id: number): void {
  const node = nodes[id];
  if (!node) return;
  changed(nodes);
  let size = countNodes(nodes);
  delete nodes[id];
  size--;
  if ("tag" in node) {
    for (const [key, other] of Object.entries(nodes)) {
      if ("owner" in other && other.owner === id) {
        delete nodes[key];
        size--;
      }
    }
  }
  sizes.set(nodes, size);
}

/** The tracked node a mutation's text or attribute entry names by its `id`, if any. */
function namedNode(nodes: TrackedNodes, entry: Record<string, unknown> | null): TrackedNode | undefined {
  const id = readNumber(entry?.id);
  return id === null ? undefined : nodes[id];
}

/** Applies one rrweb mutation (removes, adds, texts, attributes, in rrweb's own order). */
export function applyMutation(nodes: TrackedNodes, data: Record<string, unknown>): void {
  for (const r of readArray(data.removes)) {
    const id = readNumber(readObject(r)?.id);
    if (id !== null) removeNode(nodes, id);
  }
  for (const a of readArray(data.adds)) {
    const add = readObject(a);
    const node = readObject(add?.node);
    if (add && node) addSubtree(nodes, node, readNumber(add.parentId));
  }
  // A digest's adds come as one flat list (insight-digest.ts); stored events carry the nodes.
  addFlatValue(nodes, data.flatAdds);
  for (const t of readArray(data.texts)) {
    const text = readObject(t);
    const node = namedNode(nodes, text);
    const owner = node && "owner" in node ? nodes[node.owner] : undefined;
    if (owner && "tag" in owner && typeof text?.value === "string") {
      owner.text = clipText(text.value);
      changed(nodes);
    }
  }
  for (const a of readArray(data.attributes)) {
    const change = readObject(a);
    const node = namedNode(nodes, change);
    const attrs = readObject(change?.attributes);
    if (!node || !("tag" in node) || !attrs) continue;
    // rrweb sends null for a removed attribute.
    if ("href" in attrs) node.href = typeof attrs.href === "string";
    if ("type" in attrs) node.inputType = typeof attrs.type === "string" ? attrs.type.toLowerCase() : null;
    if ("href" in attrs || "type" in attrs) changed(nodes);
  }
}

/** Whether a mutation changed anything at all (rrweb can emit empty ones). */
export function isEmptyMutation(data: Record<string, unknown>): boolean {
  return ["adds", "removes", "texts", "attributes"].every((k) => readArray(data[k]).length === 0) && (readFlat(data.flatAdds)?.n.length ?? 0) === 0;
}
