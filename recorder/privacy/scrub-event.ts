import { redactText } from "../../protocol/redact-text";
import { redactUrl } from "../../protocol/redact-url";
import { EventType, IncrementalSource } from "../../protocol/rrweb";
import { shouldMaskInput } from "./attributes";
import { tagOf } from "./dom";
import { maskValue } from "./mask";
import { createPrivateLookup, type PrivateLookup } from "./private-scope";
import { isRecord } from "./records";
import { scrubCssEvent } from "./scrub-css-events";
import { type MutationData, scrubMutation } from "./scrub-mutation";
import { decidePrivate, factsOf, rewriteTree, type ScrubContext, type SerializedNode } from "./scrub-tree";

export type { ScrubContext } from "./scrub-tree";

/** An rrweb event as emitted (eventWithTime), seen structurally. */
export interface RecordedEvent {
  type: number;
  timestamp: number;
  data: Record<string, unknown>;
}

const CSS_SOURCES: ReadonlySet<unknown> = new Set([IncrementalSource.StyleSheetRule, IncrementalSource.StyleDeclaration, IncrementalSource.AdoptedStyleSheet]);

function scrubInput(data: Record<string, unknown>, ctx: ScrubContext, isPrivate: PrivateLookup): void {
  const el = typeof data.id === "number" ? ctx.getNode(data.id) : null;
  const mask = shouldMaskInput(factsOf(el, tagOf(el), isPrivate(el)), ctx);
  if (typeof data.text === "string") data.text = mask ? maskValue(data.text) : redactText(data.text);
  if (mask && data.isChecked !== undefined) data.isChecked = false;
}

/**
 * The single pass every event takes before it is buffered: what rrweb's own masking hooks cannot
 * reach is handled here (pattern redaction of text, attributes and CSS, URL redaction, masking of
 * private subtrees however their nodes got there, form values however they were set).
 * Mutates the event in place (rrweb hands over a fresh object) and returns it.
 */
export function scrubEvent(event: RecordedEvent, ctx: ScrubContext): RecordedEvent {
  const data = event.data;
  if (event.type === EventType.IncrementalSnapshot) {
    // rrweb's mutationData, seen structurally (scrubMutation reads each field defensively).
    if (data.source === IncrementalSource.Mutation) scrubMutation(data as MutationData, ctx);
    else if (data.source === IncrementalSource.Input) scrubInput(data, ctx, createPrivateLookup(ctx.maskSelector));
    else if (CSS_SOURCES.has(data.source)) scrubCssEvent(data, ctx, createPrivateLookup(ctx.maskSelector));
  } else if (event.type === EventType.FullSnapshot) {
    scrubFullSnapshotLater(event, ctx)();
  } else if (event.type === EventType.Meta) {
    if (typeof data.href === "string") data.href = redactUrl(data.href, ctx.allowedParams);
  } else if (event.type === EventType.Custom) {
    const payload = data.payload;
    if (isRecord(payload) && typeof payload.href === "string") payload.href = redactUrl(payload.href, ctx.allowedParams);
  }
  return event;
}

/**
 * A full snapshot's scrub in two steps, so that the task rrweb spent serializing the page is not
 * also spent rewriting it: privacy is decided now (it reads the DOM, which must be the one rrweb
 * serialized), and the returned function rewrites the serialized tree, reading no DOM, whenever it
 * runs. Nothing may leave the page before it has run.
 */
export function scrubFullSnapshotLater(event: RecordedEvent, ctx: ScrubContext): () => void {
  const root = event.data.node as SerializedNode | undefined;
  if (!root) return () => {};
  const decision = decidePrivate(root, false, ctx, createPrivateLookup(ctx.maskSelector));
  return () => rewriteTree(root, false, "", ctx, decision);
}
