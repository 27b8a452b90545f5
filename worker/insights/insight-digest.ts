import { EventType, IncrementalSource, NodeType } from "../../protocol/rrweb";
import { readEvent, readArray, readNumber, readObject, type InsightEvent } from "./insight-events";
import { CANDIDATE_TAGS, clipText } from "./tracked-nodes";

/**
 * What the upload worker hands the session's object for detection instead of the chunk's events
 * (structured-cloning a 230 KB checkout into the RPC cost 5 % of an upload's CPU): only the events
 * that mean something to detection, each cut down to the fields it reads. `detectInsights` over the
 * digest decides exactly what it decides over the events (test/unit/worker/insights/insight-digest.test.ts).
 */
export type InsightDigest = InsightEvent[];

type Node = Record<string, unknown>;

/** The fields tracked-nodes.ts reads of a node inside a tracked element (or of a candidate element itself). */
function slimNode(node: Node, keepTag: boolean): Node {
  const out: Node = { id: node.id, type: node.type };
  const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
  if (node.type === NodeType.Element && (keepTag || CANDIDATE_TAGS.has(tag))) {
    out.tagName = tag;
    const attrs = readObject(node.attributes) ?? {};
    const kept: Record<string, unknown> = {};
    for (const name of ["href", "type", "value"])
      if (name in attrs) kept[name] = name === "value" && typeof attrs.value === "string" ? clipText(attrs.value) : attrs[name];
    out.attributes = kept;
  }
  // Label text is clipped to 40 characters anyway: longer text never reaches a label.
  if (node.type === NodeType.Text && typeof node.textContent === "string") out.textContent = clipText(node.textContent);
  return out;
}

/** A subtree with every node's id kept (any may be clicked) but only the fields detection reads. */
function slimSubtree(root: Node): Node {
  const top = slimNode(root, false);
  const stack: Array<{ from: Node; to: Node }> = [{ from: root, to: top }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const children = readArray(item.from.childNodes);
    if (children.length === 0) continue;
    const slim: Node[] = [];
    for (const c of children) {
      const child = readObject(c);
      if (!child) continue;
      const to = slimNode(child, false);
      slim.push(to);
      stack.push({ from: child, to });
    }
    item.to.childNodes = slim;
  }
  return top;
}

/**
 * A full snapshot's tree: its root (never tracked) with only the outermost links, buttons and
 * inputs under it, in document order. Nothing outside them can be tracked (the snapshot resets
 * the map), so hoisting them changes nothing detection sees.
 */
function slimSnapshot(root: Node): Node {
  const found: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
    if (node !== root && node.type === NodeType.Element && CANDIDATE_TAGS.has(tag)) {
      found.push(slimSubtree(node));
      continue;
    }
    const children = readArray(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = readObject(children[i]);
      if (child) stack.push(child);
    }
  }
  return { id: root.id, type: root.type, childNodes: found };
}

/** A mutation with what the node map reads (an entry stays even when nothing of it matters: emptiness counts). */
function slimMutation(data: Node): Node {
  return {
    source: IncrementalSource.Mutation,
    removes: readArray(data.removes).map((r) => ({ id: readObject(r)?.id })),
    adds: readArray(data.adds).map((a) => {
      const add = readObject(a);
      const node = readObject(add?.node);
      return { parentId: add?.parentId, node: node ? slimSubtree(node) : null };
    }),
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

function digestEvent(event: InsightEvent): InsightEvent | null {
  const meaning = readEvent(event);
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
      return { type, timestamp, data: { node: slimSnapshot(meaning.node) } };
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
 * before the next kept event matters.
 */
export function digestEvents(events: readonly InsightEvent[]): InsightDigest {
  const digest: InsightDigest = [];
  let tick: number | null = null;
  for (const event of events) {
    const kept = digestEvent(event);
    if (kept) {
      digest.push(kept);
      tick = null;
    } else tick = event.timestamp;
  }
  if (tick !== null) digest.push({ type: EventType.Custom, timestamp: tick });
  return digest;
}
