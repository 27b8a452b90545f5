import { EventType, IncrementalSource, NodeType } from "../../protocol/rrweb";
import { readEvent, readArray, readNumber, readObject, type EventMeaning, type InsightEvent } from "./insight-events";
import { answersPage } from "./detect-insights";
import { CANDIDATE_TAGS, clipText, FLAT_NO_PARENT, FlatKind, walkTree, type FlatSubtree } from "./tracked-nodes";

/**
 * What the upload worker hands the session's object for detection instead of the chunk's events
 * (structured-cloning a 230 KB checkout into the RPC cost 5 % of an upload's CPU): only the events
 * that mean something to detection, each cut down to the fields it reads. `detectInsights` over the
 * digest decides exactly what it decides over the events (test/unit/worker/insights/insight-digest.test.ts).
 */
export type InsightDigest = InsightEvent[];

type Node = Record<string, unknown>;

/**
 * A full snapshot's tree: its root (never tracked, the node detection reads) and, as one flat
 * list under it, only its outermost links, buttons and inputs with what is inside them, in
 * document order. Nothing outside them can be tracked (the snapshot resets the map), so hoisting
 * them changes nothing detection sees.
 */
function slimSnapshot(root: Node): { node: Node; flatNodes: FlatSubtree } {
  const flat: FlatSubtree = { n: [], s: [] };
  const rootId = readNumber(root.id);
  const stack: Node[] = rootId === null ? [] : [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
    if (node !== root && node.type === NodeType.Element && CANDIDATE_TAGS.has(tag)) {
      appendFlat(flat, node, rootId);
      continue;
    }
    const children = readArray(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = readObject(children[i]);
      if (child) stack.push(child);
    }
  }
  return { node: { id: root.id, type: root.type }, flatNodes: flat };
}

/**
 * Appends an added subtree to a mutation's flat adds (tracked-nodes.ts `addFlat`), in the order
 * `addSubtree` walks it (document order): three numbers per node in `n` (its id, its parent's id,
 * its kind) and the values its kind needs in `s`. Numbers and strings in two arrays clone far more
 * cheaply into the session's object than one object per node and per add (the structured clone
 * of those objects was the digest's largest cost). A node without a numeric id is left out with
 * its subtree, as addSubtree leaves it.
 */
function appendFlat(flat: FlatSubtree, root: Node, parentId: number | null): void {
  const { n, s } = flat;
  walkTree(root, parentId, (node, id, at) => {
    const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
    const parent = at ?? FLAT_NO_PARENT;
    if (node.type === NodeType.Element && CANDIDATE_TAGS.has(tag)) {
      const attrs = readObject(node.attributes) ?? {};
      const type = attrs.type;
      n.push(id, parent, FlatKind.Candidate);
      s.push(
        tag,
        typeof attrs.href === "string",
        typeof type === "string" ? type.toLowerCase() : null,
        typeof attrs.value === "string" ? clipText(attrs.value) : "",
      );
    } else if (node.type === NodeType.Text && typeof node.textContent === "string") {
      n.push(id, parent, FlatKind.Text);
      s.push(clipText(node.textContent));
    } else n.push(id, parent, FlatKind.Plain);
  });
}

/** Every add of a mutation, in order, as one flat list (an add without a node changes nothing). */
function flatAdds(adds: readonly unknown[]): FlatSubtree {
  const flat: FlatSubtree = { n: [], s: [] };
  for (const a of adds) {
    const add = readObject(a);
    const node = readObject(add?.node);
    if (add && node) appendFlat(flat, node, readNumber(add.parentId));
  }
  return flat;
}

/** A mutation with what the node map reads (an entry stays even when nothing of it matters: emptiness counts). */
function slimMutation(data: Node): Node {
  return {
    source: IncrementalSource.Mutation,
    removes: readArray(data.removes).map((r) => ({ id: readObject(r)?.id })),
    // What the flat list cannot hold stays an entry of its own, so that emptiness reads the same.
    adds: readArray(data.adds)
      .filter((a) => readNumber(readObject(readObject(a)?.node)?.id) === null)
      .map((a) => ({ parentId: readObject(a)?.parentId, node: null })),
    flatAdds: flatAdds(readArray(data.adds)),
    texts: readArray(data.texts).map((t) => {
      const text = readObject(t);
      return { id: text?.id, value: typeof text?.value === "string" ? clipText(text.value) : null };
    }),
    attributes: readArray(data.attributes).map((a) => {
      const change = readObject(a);
      const attrs = readObject(change?.attributes) ?? {};
      const kept: Record<string, unknown> = {};
      for (const name of ["href", "type"]) if (name in attrs) kept[name] = attrs[name];
      return { id: change?.id, attributes: kept };
    }),
  };
}

function digestEvent(event: InsightEvent, meaning: EventMeaning): InsightEvent | null {
  const { type, timestamp } = event;
  switch (meaning.kind) {
    case "click":
    case "resize":
      return { type, timestamp, data: event.data };
    case "navigation":
      return { type: EventType.Meta, timestamp, data: { href: meaning.href, width: meaning.width, height: meaning.height } };
    case "route":
      return { type: EventType.Custom, timestamp, data: { tag: "navigation", payload: { href: meaning.href } } };
    case "snapshot":
      return { type, timestamp, data: slimSnapshot(meaning.node) };
    case "mutation":
      return { type, timestamp, data: slimMutation(meaning.data) };
    case "response":
      return { type, timestamp, data: { source: readNumber(readObject(event.data)?.source) } };
    case "other":
      return null;
  }
}

/**
 * The chunk's events as detection needs them. Events that mean nothing are left out, except the
 * chunk's last time (a tick): time alone decides a burst or a wait, and only the latest time
 * before the next kept event matters. So is an input or scroll after the page has answered
 * already and no click came since: an answer only clears what clicks left waiting, so only its
 * time would count (most of a busy chunk's events are of this kind).
 */
export function digestEvents(events: readonly InsightEvent[]): InsightDigest {
  const digest: InsightDigest = [];
  let tick: number | null = null;
  // Unknown at the chunk's start: the chunk before may have left clicks waiting.
  let answered = false;
  for (const event of events) {
    const meaning = readEvent(event);
    const kept = meaning.kind === "response" && answered ? null : digestEvent(event, meaning);
    if (kept) {
      digest.push(kept);
      tick = null;
    } else tick = event.timestamp;
    if (meaning.kind === "click") answered = false;
    else if (answersPage(meaning)) answered = true;
  }
  if (tick !== null) digest.push({ type: EventType.Custom, timestamp: tick });
  return digest;
}
