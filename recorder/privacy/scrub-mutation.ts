import { redactText } from "../../protocol/redact-text";
import { isReusedNode } from "../capture/reuse-removed";
import { NodeType } from "../../protocol/rrweb";
import { scrubAttributes } from "./attributes";
import { matchesElement, tagOf } from "./dom";
import { maskText } from "./mask";
import { createPrivateLookup, type PrivateLookup } from "./private-scope";
import { factsOf, type ScrubContext, type SerializedNode, scrubAddedTree } from "./scrub-tree";
import { scrubSpecialText } from "./special-text";
import { DomTextRuns } from "./text-runs";

interface AddedNode {
  parentId: number;
  node: SerializedNode;
}
interface TextChange {
  id: number;
  value: string | null;
}
interface AttributeChange {
  id: number;
  attributes: Record<string, unknown>;
}

/** rrweb's mutation record, seen structurally (each field may be missing in a hand-made event). */
export interface MutationData {
  adds?: AddedNode[];
  texts?: TextChange[];
  attributes?: AttributeChange[];
}

/** One text node's recorded value: masked, CSS, dropped, or pattern-redacted with the text running next to it. */
function scrubLiveText(dom: Node | null, value: string, parentTag: string, ctx: ScrubContext, isPrivate: PrivateLookup, runs: DomTextRuns): string {
  const hidden = isPrivate(dom);
  const special = scrubSpecialText(parentTag, value, hidden, ctx.allowedParams);
  if (special !== null) return special;
  if (hidden || ctx.maskAllText) return maskText(value);
  // The DOM holds what rrweb just serialized; a node it does not know is judged alone.
  return dom && dom.nodeType === 3 && (dom as Text).data === value ? runs.redact(dom as Text) : redactText(value);
}

/**
 * Scrubs a mutation in place. rrweb lists every added node as its own "add" (a re-sorted table is
 * thousands), so privacy is looked up once per DOM node per event (private-scope), and text is
 * judged in its run on the page. When a match runs into a text node recorded earlier, that node's
 * new text is added to the mutation, so the replay shows the placeholder whole.
 */
export function scrubMutation(data: MutationData, ctx: ScrubContext): void {
  const isPrivate = createPrivateLookup(ctx.maskSelector);
  const runs = new DomTextRuns((el) => matchesElement(el, ctx.maskSelector));
  const inEvent = new Set<number>();
  for (const add of data.adds ?? []) {
    const node = add.node;
    // A kept subtree's root (capture/reuse-removed): its meta was scrubbed when it was first recorded.
    if (isReusedNode(node)) continue;
    const parent = ctx.getNode(add.parentId);
    if (node.type === NodeType.Text && typeof node.textContent === "string" && node.textContent) {
      inEvent.add(node.id);
      node.textContent = scrubLiveText(ctx.getNode(node.id), node.textContent, tagOf(parent), ctx, isPrivate, runs);
    } else {
      scrubAddedTree(node, parent, ctx, isPrivate);
    }
  }
  for (const text of data.texts ?? []) {
    inEvent.add(text.id);
    if (!text.value) continue;
    const node = ctx.getNode(text.id);
    text.value = scrubLiveText(node, text.value, tagOf(node?.parentNode ?? null), ctx, isPrivate, runs);
  }
  const neighbours: TextChange[] = [];
  for (const [node, value] of runs.changed) {
    const id = ctx.getId(node);
    if (id > 0 && !inEvent.has(id)) neighbours.push({ id, value });
  }
  if (neighbours.length) data.texts = [...(data.texts ?? []), ...neighbours];
  for (const change of data.attributes ?? []) {
    const el = ctx.getNode(change.id);
    scrubAttributes(change.attributes, factsOf(el, tagOf(el), isPrivate(el)), ctx);
  }
}
