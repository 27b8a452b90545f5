import type { eventWithTime } from "@rrweb/types";

// rrweb's numeric enums (EventType, IncrementalSource, MouseInteractions), spelled out here so the
// UI does not import the recorder just for constants.
export const EVENT_FULL_SNAPSHOT = 2;
export const EVENT_INCREMENTAL = 3;
export const EVENT_META = 4;
export const SOURCE_MUTATION = 0;
export const SOURCE_MOUSE_INTERACTION = 2;
export const SOURCE_INPUT = 5;
export const INTERACTION_CLICK = 2;
export const INTERACTION_DBLCLICK = 4;

/** A replay event: rrweb's `eventWithTime`. */
export type ReplayEvent = eventWithTime;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for values shaped like an rrweb event (the worker validated them on upload; this guards the wire). */
export function isReplayEvent(v: unknown): v is ReplayEvent {
  return isRecord(v) && typeof v.type === "number" && typeof v.timestamp === "number" && isRecord(v.data);
}

/** The event's `data` as a plain record, for reading fields rrweb's union types make awkward. */
export function dataOf(e: ReplayEvent): Record<string, unknown> {
  return isRecord(e.data) ? e.data : {};
}

export { isRecord };
