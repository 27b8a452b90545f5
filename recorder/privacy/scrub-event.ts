import { scrubAttributes, shouldMaskInput, type ScrubSettings } from "./attributes";
import { closestAcrossShadow, matchesElement, tagOf } from "./dom";
import { redactText } from "../../protocol/redact-text";
import { redactUrl } from "../../protocol/redact-url";
import { EventType, IncrementalSource, NodeType } from "../../protocol/rrweb";
import { maskText, maskValue } from "./mask";

/** The parts of rrweb's serialized node this pass reads and rewrites. */
interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: string;
}

/** An rrweb event as emitted (eventWithTime), seen structurally. */
export interface RecordedEvent {
  type: number;
  timestamp: number;
  data: Record<string, unknown>;
}

/** What the scrubber needs from the page: rrweb's id→node mirror and the combined mask selector. */
export interface ScrubContext extends ScrubSettings {
  maskSelector: string;
  getNode(id: number): Node | null;
}

const UNSCRUBBED_PARENTS = new Set(["style", "script"]);

function inputTypeOf(node: Node | null, attrs?: Record<string, unknown>): string | null {
  const el = node && node.nodeType === 1 ? (node as Element) : null;
  if (el?.hasAttribute("data-rr-is-password") || attrs?.["data-rr-is-password"] !== undefined) return "password";
  const type = el?.getAttribute("type") ?? attrs?.type;
  return typeof type === "string" ? type.toLowerCase() : null;
}

function scrubText(text: string, isPrivate: boolean, parentTag: string): string {
  if (UNSCRUBBED_PARENTS.has(parentTag)) return text;
  return isPrivate ? maskText(text) : redactText(text);
}

/** Walks a serialized subtree, carrying "inside a private element" down from the DOM (shadow roots included: rrweb serializes them as children). */
function scrubTree(root: SerializedNode, parentPrivate: boolean, parentTag: string, ctx: ScrubContext): void {
  const stack: Array<[SerializedNode, boolean, string]> = [[root, parentPrivate, parentTag]];
  while (stack.length) {
    const [node, inPrivate, parent] = stack.pop()!;
    if (node.type === NodeType.Text) {
      if (typeof node.textContent === "string" && node.textContent) node.textContent = scrubText(node.textContent, inPrivate, parent);
      continue;
    }
    let isPrivate = inPrivate;
    let tag = parent;
    if (node.type === NodeType.Element) {
      const dom = ctx.getNode(node.id);
      isPrivate = inPrivate || matchesElement(dom, ctx.maskSelector);
      tag = (node.tagName ?? "").toLowerCase();
      if (node.attributes) scrubAttributes(node.attributes, { tag, private: isPrivate, inputType: inputTypeOf(dom, node.attributes) }, ctx);
    }
    const children = node.childNodes;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], isPrivate, tag]);
  }
}

/**
 * Whether a DOM node is inside a private element, memoized per event: rrweb lists every added
 * node as its own "add" (a re-sorted table is thousands), so each ancestor is matched once, not
 * once per descendant.
 */
function privateLookup(ctx: ScrubContext): (node: Node | null) => boolean {
  const memo = new Map<Node, boolean>();
  const lookup = (node: Node | null): boolean => {
    if (!node) return false;
    const known = memo.get(node);
    if (known !== undefined) return known;
    const up = node.parentNode ?? (node.nodeType === 11 && "host" in node ? (node as ShadowRoot).host : null);
    const result = matchesElement(node, ctx.maskSelector) || lookup(up);
    memo.set(node, result);
    return result;
  };
  return lookup;
}

function scrubMutation(data: Record<string, unknown>, ctx: ScrubContext): void {
  const adds = data.adds as Array<{ parentId: number; node: SerializedNode }> | undefined;
  if (adds?.length) {
    const isPrivate = privateLookup(ctx);
    for (const add of adds) {
      const parent = ctx.getNode(add.parentId);
      scrubTree(add.node, isPrivate(parent), tagOf(parent), ctx);
    }
  }
  const texts = data.texts as Array<{ id: number; value: string | null }> | undefined;
  for (const text of texts ?? []) {
    if (!text.value) continue;
    const node = ctx.getNode(text.id);
    text.value = scrubText(text.value, closestAcrossShadow(node, ctx.maskSelector), tagOf(node?.parentNode ?? null));
  }
  const attributes = data.attributes as Array<{ id: number; attributes: Record<string, unknown> }> | undefined;
  for (const change of attributes ?? []) {
    const el = ctx.getNode(change.id);
    scrubAttributes(change.attributes, { tag: tagOf(el), private: closestAcrossShadow(el, ctx.maskSelector), inputType: inputTypeOf(el) }, ctx);
  }
}

function scrubInput(data: Record<string, unknown>, ctx: ScrubContext): void {
  const el = ctx.getNode(data.id as number);
  const facts = { tag: tagOf(el), private: closestAcrossShadow(el, ctx.maskSelector), inputType: inputTypeOf(el) };
  const mask = shouldMaskInput(facts, ctx);
  if (typeof data.text === "string") data.text = mask ? maskValue(data.text) : redactText(data.text);
  if (mask && data.isChecked !== undefined) data.isChecked = false;
}

/**
 * The single pass every event takes before it is buffered: what rrweb's own masking hooks cannot
 * reach is handled here (pattern redaction of text and attributes, URL redaction, masking of
 * attribute mutations, hidden and checkbox inputs, text added later inside private shadow roots).
 * Mutates the event in place (rrweb hands over a fresh object) and returns it.
 */
export function scrubEvent(event: RecordedEvent, ctx: ScrubContext): RecordedEvent {
  const data = event.data;
  if (event.type === EventType.IncrementalSnapshot) {
    if (data.source === IncrementalSource.Mutation) scrubMutation(data, ctx);
    else if (data.source === IncrementalSource.Input) scrubInput(data, ctx);
  } else if (event.type === EventType.FullSnapshot) {
    scrubTree(data.node as SerializedNode, false, "", ctx);
  } else if (event.type === EventType.Meta) {
    if (typeof data.href === "string") data.href = redactUrl(data.href, ctx.allowedParams);
  } else if (event.type === EventType.Custom) {
    const payload = data.payload as Record<string, unknown> | null;
    if (payload && typeof payload.href === "string") payload.href = redactUrl(payload.href, ctx.allowedParams);
  }
  return event;
}
