import { describe, expect, it } from "vitest";
import { ApiError } from "../../../worker/errors";
import { CHUNK_MAX_EVENTS, EVENT_MAX_DEPTH, META_CAPTURE_ERRORS_MAX, parseUpload } from "../../../worker/ingest/parse-upload";
import { T0, makeEvents, newSessionId } from "../../helpers/worker/events";

const NOW = T0 + 60_000;
const encode = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
const body = (over: Record<string, unknown> = {}) => ({ sessionId: newSessionId(), seq: 0, events: makeEvents(3), ...over });

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}

describe("parseUpload", () => {
  it("returns the envelope with the events exactly as sent", () => {
    const b = body({ meta: { ua: "x", viewport: { width: 1, height: 2 }, url: "https://a.example/", future: "kept" } });
    const parsed = parseUpload(encode(b), NOW);
    expect(parsed).toMatchObject({ sessionId: b.sessionId, seq: 0, events: b.events });
  });

  it("allows equal timestamps (rrweb emits several events per millisecond)", () => {
    const events = makeEvents(3).map((e) => ({ ...e, timestamp: T0 }));
    expect(codeOf(() => parseUpload(encode(body({ events })), NOW))).toBeNull();
  });

  it("bounds depth exactly at EVENT_MAX_DEPTH", () => {
    // The event object is level 1, data level 2, payload level 3…
    const at = (levels: number) =>
      `{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":5,"data":{"tag":"t","payload":${"[".repeat(levels) + "]".repeat(levels)}},"timestamp":${T0}}]}`;
    expect(codeOf(() => parseUpload(encode(at(EVENT_MAX_DEPTH - 2)), NOW))).toBeNull();
    expect(codeOf(() => parseUpload(encode(at(EVENT_MAX_DEPTH - 1)), NOW))).toBe("too_deep");
  });

  it("bounds the number of events", () => {
    const events = Array.from({ length: CHUNK_MAX_EVENTS + 1 }, (_, i) => ({ type: 3, data: { source: 1 }, timestamp: T0 + i }));
    expect(codeOf(() => parseUpload(encode(body({ events })), NOW))).toBe("bad_envelope");
  });

  it("refuses non-finite numbers smuggled past JSON (never reach storage)", () => {
    // JSON cannot carry NaN; a huge exponent parses to Infinity.
    const raw = `{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":5,"data":{"tag":"t","payload":1e400},"timestamp":${T0}}]}`;
    expect(codeOf(() => parseUpload(encode(raw), NOW))).toBe("bad_event");
  });

  it("refuses a timestamp more than a day ahead of the server clock", () => {
    const events = [{ type: 3, data: { source: 1 }, timestamp: NOW + 2 * 86_400_000 }];
    expect(codeOf(() => parseUpload(encode(body({ events })), NOW))).toBe("bad_event");
    expect(codeOf(() => parseUpload(encode(body({ events: [{ ...events[0], timestamp: NOW + 3_600_000 }] })), NOW))).toBeNull();
  });

  it("clamps meta.captureErrors to what one recorder can report, keeping the chunk", () => {
    const errorsOf = (n: number) => parseUpload(encode(body({ meta: { captureErrors: n } })), NOW).meta?.captureErrors;
    expect(errorsOf(3)).toBe(3);
    expect(errorsOf(1_000_000)).toBe(META_CAPTURE_ERRORS_MAX);
    expect(errorsOf(1e15)).toBe(META_CAPTURE_ERRORS_MAX);
    expect(codeOf(() => parseUpload(encode(body({ meta: { captureErrors: -1 } })), NOW))).toBe("bad_envelope");
    expect(codeOf(() => parseUpload(encode(body({ meta: { captureErrors: 1.5 } })), NOW))).toBe("bad_envelope");
  });

  it("refuses rrweb plugin, asset and annotation events as unsupported_event, unknown types as bad_event", () => {
    const withEvent = (event: Record<string, unknown>) => body({ events: [...makeEvents(2), { timestamp: T0 + 500, ...event }] });
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 6, data: { plugin: "rrweb/console@1", payload: {} } })), NOW))).toBe("unsupported_event");
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 6, data: { plugin: "rrweb/network@1", payload: {} } })), NOW))).toBe("unsupported_event");
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 7, data: {} })), NOW))).toBe("unsupported_event");
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 8, data: {} })), NOW))).toBe("unsupported_event");
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 9, data: {} })), NOW))).toBe("bad_event");
    expect(codeOf(() => parseUpload(encode(withEvent({ type: 5, data: { tag: "navigation", payload: {} } })), NOW))).toBeNull();
  });

  it("refuses a byte-order mark or invalid UTF-8 as bad_json", () => {
    expect(codeOf(() => parseUpload(new Uint8Array([0xc3, 0x28]), NOW))).toBe("bad_json");
  });
});
