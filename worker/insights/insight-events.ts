import { EventType, IncrementalSource, MouseInteractions } from "../../protocol/rrweb";

/** An rrweb event as detection reads it: stored events keep every field, only these are needed. */
export interface InsightEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

/** A plain object's fields, or null for anything else. */
export function readObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A finite number, or null. */
export function readNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** An array, or an empty one. */
export function readArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** What an event means to detection. */
export type EventMeaning =
  | { kind: "click"; id: number; x: number; y: number }
  | { kind: "navigation"; href: string; width: number; height: number }
  /** The recorder's own event for a history (SPA) navigation: a new page URL, the same viewport. */
  | { kind: "route"; href: string }
  | { kind: "resize"; width: number; height: number }
  /** `flatNodes`: what a digest holds of the tree under `node` (insight-digest.ts); stored events have none. */
  | { kind: "snapshot"; node: Record<string, unknown>; flatNodes: unknown }
  | { kind: "mutation"; data: Record<string, unknown> }
  /** Input, scroll or a style/canvas change: the page answered, the DOM map is unchanged. */
  | { kind: "response" }
  | { kind: "other" };

// Changes the user sees although rrweb does not record them as DOM mutations: a click that restyles
// the page through the CSSOM or redraws a canvas was answered.
const VISIBLE_CHANGES: ReadonlySet<number> = new Set([
  IncrementalSource.Input,
  IncrementalSource.Scroll,
  IncrementalSource.StyleSheetRule,
  IncrementalSource.StyleDeclaration,
  IncrementalSource.CanvasMutation,
  IncrementalSource.AdoptedStyleSheet,
]);

function readIncremental(data: Record<string, unknown>): EventMeaning {
  const source = readNumber(data.source);
  if (source === IncrementalSource.Mutation) return { kind: "mutation", data };
  if (source === IncrementalSource.MouseInteraction && data.type === MouseInteractions.Click) {
    const id = readNumber(data.id);
    const x = readNumber(data.x);
    const y = readNumber(data.y);
    return id !== null && x !== null && y !== null ? { kind: "click", id, x, y } : { kind: "other" };
  }
  if (source === IncrementalSource.ViewportResize) {
    const width = readNumber(data.width);
    const height = readNumber(data.height);
    return width !== null && height !== null ? { kind: "resize", width, height } : { kind: "other" };
  }
  return source !== null && VISIBLE_CHANGES.has(source) ? { kind: "response" } : { kind: "other" };
}

/** Reads one event's meaning; anything malformed means nothing. */
export function readEvent(event: InsightEvent): EventMeaning {
  const data = readObject(event.data);
  if (!data) return { kind: "other" };
  if (event.type === EventType.IncrementalSnapshot) return readIncremental(data);
  if (event.type === EventType.Meta) {
    const width = readNumber(data.width) ?? 0;
    const height = readNumber(data.height) ?? 0;
    return typeof data.href === "string" ? { kind: "navigation", href: data.href, width, height } : { kind: "other" };
  }
  if (event.type === EventType.Custom && data.tag === "navigation") {
    const href = readObject(data.payload)?.href;
    return typeof href === "string" ? { kind: "route", href } : { kind: "other" };
  }
  if (event.type === EventType.FullSnapshot) {
    const node = readObject(data.node);
    return node ? { kind: "snapshot", node, flatNodes: data.flatNodes } : { kind: "other" };
  }
  return { kind: "other" };
}
