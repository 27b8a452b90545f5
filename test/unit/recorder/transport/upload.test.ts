import { describe, expect, it, vi } from "vitest";
import type { Chunk } from "../../../../recorder/buffer/chunk.ts";
import { uploadChunk } from "../../../../recorder/transport/upload.ts";

const SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const chunk = (gzip: boolean): Chunk => ({
  sessionId: SESSION,
  seq: 0,
  body: gzip ? new Uint8Array([31, 139]) : "{}",
  gzip,
  createdAt: 0,
  ready: Promise.resolve(),
  persisted: false,
});
const error = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { code, message: "x" } }), { status, headers: { "Content-Type": "application/json", ...headers } });

/** The network, as the server would answer: the recorder's fetch is the boundary these tests replace. */
function answer(res: Response | Error) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (res instanceof Error) throw res;
    return res;
  });
  return calls;
}

describe("uploadChunk", () => {
  it("posts the body with the token, gzip when compressed, without cookies", async () => {
    const calls = answer(new Response('{"ok":true}'));
    expect(await uploadChunk("https://r.example", "tok", chunk(true))).toEqual({ kind: "stored" });
    expect(calls[0].url).toBe("https://r.example/api/replay/upload");
    expect(calls[0].init).toMatchObject({ method: "POST", credentials: "omit", headers: { Authorization: "Bearer tok", "Content-Encoding": "gzip" } });
  });

  it("reads watched:true from a success answer (live viewers, contract §9)", async () => {
    answer(new Response('{"ok":true,"sessionId":"s","seq":0,"watched":true}'));
    expect(await uploadChunk("https://r.example", "tok", chunk(false))).toEqual({ kind: "stored", watched: true });
    answer(new Response("not json"));
    expect(await uploadChunk("https://r.example", "tok", chunk(false))).toEqual({ kind: "stored" });
  });

  it.each([
    [error(401, "invalid_token"), { kind: "unauthorized" }],
    [error(429, "rate_limited", { "Retry-After": "7" }), { kind: "retry", retryAfterMs: 7000 }],
    [error(429, "rate_limited"), { kind: "retry", retryAfterMs: 30_000 }],
    [error(503, "storage_unavailable"), { kind: "retry" }],
    [new Response("gateway", { status: 502 }), { kind: "retry" }],
    [error(410, "session_erased"), { kind: "session_gone" }],
    [error(403, "not_owner"), { kind: "session_gone" }],
    [error(403, "replay_disabled"), { kind: "disabled" }],
    [error(413, "payload_too_large"), { kind: "rejected", code: "payload_too_large" }],
    [new Response("nope", { status: 400 }), { kind: "rejected", code: "http_400" }],
  ])("classifies %#", async (res, outcome) => {
    answer(res);
    expect(await uploadChunk("https://r.example", "tok", chunk(false))).toEqual(outcome);
  });

  it("retries after a network error", async () => {
    answer(new TypeError("Failed to fetch"));
    expect(await uploadChunk("https://r.example", "tok", chunk(false))).toEqual({ kind: "retry" });
  });
});
