import { describe, expect, it } from "vitest";
import { EventBuffer, EventTooLargeError } from "../../../../recorder/buffer/event-buffer.ts";
import { CHUNK_SOFT_MAX_CHARS, EVENT_MAX_CHARS } from "../../../../recorder/constants.ts";
import { CHUNK_MAX_EVENTS, UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES } from "../../../../protocol/envelope.ts";

/** A buffer already holding one event at each of `timestamps`. */
function bufferWith(...timestamps: number[]): EventBuffer {
  const buffer = new EventBuffer();
  for (const timestamp of timestamps) buffer.add({ timestamp });
  return buffer;
}

/** An event whose JSON is longer than any the server stores. */
const hugeEvent = () => ({ timestamp: 2, data: "x".repeat(EVENT_MAX_CHARS) });

describe("EventBuffer", () => {
  it("keeps timestamps non-decreasing and cuts into one JSON array", () => {
    const buffer = bufferWith(10, 5);
    const batch = buffer.take();
    expect(JSON.parse(batch!.json)).toEqual([{ timestamp: 10 }, { timestamp: 10 }]);
    expect(buffer.take()).toBeNull();
  });

  it("asks for a cut once the JSON reaches CHUNK_SOFT_MAX_CHARS", () => {
    const buffer = new EventBuffer();
    const big = { timestamp: 1, data: "x".repeat(CHUNK_SOFT_MAX_CHARS / 2) };
    expect(buffer.add(big)).toBe(false);
    expect(buffer.add({ ...big })).toBe(true);
    expect(buffer.take()!.json.length).toBeGreaterThanOrEqual(CHUNK_SOFT_MAX_CHARS);
  });

  it("asks for a cut at the server's event count per chunk", () => {
    const buffer = new EventBuffer();
    for (let i = 1; i < CHUNK_MAX_EVENTS; i++) expect(buffer.add({ timestamp: i })).toBe(false);
    expect(buffer.add({ timestamp: CHUNK_MAX_EVENTS })).toBe(true);
    expect(JSON.parse(buffer.take()!.json)).toHaveLength(CHUNK_MAX_EVENTS);
  });

  it("refuses an event the server could never store, and keeps what it has", () => {
    const buffer = bufferWith(1);
    expect(() => buffer.add(hugeEvent())).toThrow(EventTooLargeError);
    expect(JSON.parse(buffer.take()!.json)).toEqual([{ timestamp: 1 }]);
  });

  it("stays within the upload limits the worker enforces", () => {
    expect(CHUNK_SOFT_MAX_CHARS + EVENT_MAX_CHARS).toBeLessThan(UPLOAD_MAX_DECODED_BYTES);
    expect(CHUNK_SOFT_MAX_CHARS).toBeLessThan(UPLOAD_MAX_WIRE_BYTES);
  });

  it("drops everything on clear", () => {
    const buffer = bufferWith(1);
    buffer.clear();
    expect(buffer.take()).toBeNull();
  });
  it("keeps a later-finished event in its place, finished before it is serialized", () => {
    const buffer = bufferWith(1);
    const snapshot = { timestamp: 2, text: "raw" };
    buffer.addLater(snapshot, () => {
      snapshot.text = "scrubbed";
    });
    buffer.add({ timestamp: 3 });
    expect(JSON.parse(buffer.take()!.json)).toEqual([{ timestamp: 1 }, { timestamp: 2, text: "scrubbed" }, { timestamp: 3 }]);
  });

  it("finishes pending events once, and then counts their size against the chunk's bound", () => {
    const buffer = new EventBuffer();
    let finished = 0;
    const big = { timestamp: 1, data: "x".repeat(CHUNK_SOFT_MAX_CHARS) };
    buffer.addLater(big, () => finished++);
    expect(finished).toBe(0);
    expect(buffer.finishPending()).toBe(true);
    expect(buffer.finishPending()).toBe(true);
    expect(finished).toBe(1);
    expect(buffer.take()!.json.length).toBeGreaterThan(CHUNK_SOFT_MAX_CHARS);
  });

  it("drops a pending event too large to store, keeps the rest, and says so", () => {
    const buffer = bufferWith(1);
    buffer.addLater(hugeEvent(), () => {});
    buffer.add({ timestamp: 3 });
    expect(() => buffer.finishPending()).toThrow(EventTooLargeError);
    expect(JSON.parse(buffer.take()!.json)).toEqual([{ timestamp: 1 }, { timestamp: 3 }]);
  });

  it("forgets pending events on clear (their finish never runs)", () => {
    const buffer = new EventBuffer();
    let finished = false;
    buffer.addLater({ timestamp: 1 }, () => {
      finished = true;
    });
    buffer.clear();
    expect(buffer.take()).toBeNull();
    expect(finished).toBe(false);
  });
});
