import type { eventWithTime } from "@rrweb/types";

// rrweb's numbers, from the vocabulary the recorder and the worker use too.
export { EventType, IncrementalSource, MouseInteractions, NodeType } from "../../../protocol/rrweb";

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
