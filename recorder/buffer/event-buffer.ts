import { CHUNK_MAX_EVENTS } from "../../protocol/envelope";
import { CHUNK_SOFT_MAX_CHARS, EVENT_MAX_CHARS } from "../constants";

/** Thrown when a single event could never be stored (bigger than the server's decoded cap). */
export class EventTooLargeError extends Error {}

/** A cut batch of events, serialized. */
export interface EventBatch {
  /** JSON array text of the events. */
  json: string;
}

/**
 * Buffers events as JSON text (each serialized once, when it arrives, so the cost is spread out and
 * the size is known exactly) until the batch is cut. Timestamps are made non-decreasing, since the
 * server refuses a chunk whose events go back in time (a clock adjustment can do that).
 */
export class EventBuffer {
  private parts: string[] = [];
  private chars = 2;
  private lastTimestamp = 0;

  /** Adds one event; returns true when the batch has reached a bound (chars, or the server's event count) and should be cut now. */
  add(event: { timestamp: number }): boolean {
    if (event.timestamp < this.lastTimestamp) event.timestamp = this.lastTimestamp;
    this.lastTimestamp = event.timestamp;
    const json = JSON.stringify(event);
    if (json.length > EVENT_MAX_CHARS) throw new EventTooLargeError(`event of ${json.length} chars`);
    this.parts.push(json);
    this.chars += json.length + 1;
    return this.chars >= CHUNK_SOFT_MAX_CHARS || this.parts.length >= CHUNK_MAX_EVENTS;
  }

  /** Takes everything buffered as one batch (null when empty). */
  take(): EventBatch | null {
    if (!this.parts.length) return null;
    const batch = { json: `[${this.parts.join(",")}]` };
    this.parts = [];
    this.chars = 2;
    return batch;
  }

  /** Drops everything buffered (a new session starts from its own full snapshot). */
  clear(): void {
    this.parts = [];
    this.chars = 2;
  }
}
