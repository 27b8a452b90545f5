import { CHUNK_MAX_EVENTS } from "../../protocol/envelope";
import { CHUNK_SOFT_MAX_CHARS, EVENT_MAX_CHARS } from "../constants";

/** Thrown when a single event could never be stored (bigger than the server's decoded cap). */
export class EventTooLargeError extends Error {}

/** A cut batch of events, serialized. */
export interface EventBatch {
  /** JSON array text of the events. */
  json: string;
}

/** An event whose serialization waits for its scrub's last step (see addLater). */
interface PendingPart {
  event: { timestamp: number };
  finish: () => void;
}

/**
 * Buffers events as JSON text (each serialized once, when it arrives, so the cost is spread out and
 * the size is known exactly) until the batch is cut. Timestamps are made non-decreasing, since the
 * server refuses a chunk whose events go back in time (a clock adjustment can do that).
 * A full snapshot can be added before it is ready (addLater): it keeps its place, and is finished
 * and serialized by finishPending, at the latest when the batch is taken.
 */
export class EventBuffer {
  private parts: Array<string | PendingPart> = [];
  private pending = 0;
  private chars = 2;
  private lastTimestamp = 0;

  /** Adds one event; returns true when the batch has reached a bound (chars, or the server's event count) and should be cut now. */
  add(event: { timestamp: number }): boolean {
    this.stamp(event);
    const json = serialize(event);
    this.parts.push(json);
    this.chars += json.length + 1;
    return this.full();
  }

  /** Adds an event that `finish` must complete before it is serialized; returns true when the batch has reached its event count. */
  addLater(event: { timestamp: number }, finish: () => void): boolean {
    this.stamp(event);
    this.parts.push({ event, finish });
    this.pending++;
    return this.full();
  }

  /**
   * Finishes and serializes every event added with addLater, in place; returns true when the batch
   * has reached a bound. An event too large to store is dropped (the rest kept) and thrown.
   */
  finishPending(): boolean {
    for (let i = 0; this.pending > 0 && i < this.parts.length; i++) {
      const part = this.parts[i];
      if (typeof part === "string") continue;
      this.pending--;
      let json: string;
      try {
        part.finish();
        json = serialize(part.event);
      } catch (err) {
        this.parts.splice(i, 1);
        throw err;
      }
      this.parts[i] = json;
      this.chars += json.length + 1;
    }
    return this.full();
  }

  /** Whether an event added with addLater is still unfinished. */
  hasPending(): boolean {
    return this.pending > 0;
  }

  /** Takes everything buffered as one batch (null when empty), finishing what was added with addLater first. */
  take(): EventBatch | null {
    this.finishPending();
    if (!this.parts.length) return null;
    const batch = { json: `[${this.parts.join(",")}]` };
    this.clear();
    return batch;
  }

  /** Drops everything buffered (a new session starts from its own full snapshot). */
  clear(): void {
    this.parts = [];
    this.pending = 0;
    this.chars = 2;
  }

  private stamp(event: { timestamp: number }): void {
    if (event.timestamp < this.lastTimestamp) event.timestamp = this.lastTimestamp;
    this.lastTimestamp = event.timestamp;
  }

  private full(): boolean {
    return this.chars >= CHUNK_SOFT_MAX_CHARS || this.parts.length >= CHUNK_MAX_EVENTS;
  }
}

function serialize(event: { timestamp: number }): string {
  const json = JSON.stringify(event);
  if (json.length > EVENT_MAX_CHARS) throw new EventTooLargeError(`event of ${json.length} chars`);
  return json;
}
