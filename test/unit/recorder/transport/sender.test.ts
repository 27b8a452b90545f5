import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Chunk } from "../../../../recorder/buffer/chunk.ts";
import { Outbox } from "../../../../recorder/buffer/outbox.ts";
import { ChunkStore } from "../../../../recorder/buffer/persist.ts";
import { RETRY_MAX_MS, TOKEN_REFRESH_ATTEMPTS } from "../../../../recorder/constants.ts";
import { Sender, type SenderEvents } from "../../../../recorder/transport/sender.ts";
import { emptyChunk, TEST_SESSION_ID } from "../../../helpers/recorder/chunks.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

const SESSION = TEST_SESSION_ID;
const OTHER = "9b2d1c3e-1111-4222-8333-444455556666";

const ok = () => new Response('{"ok":true}');
const error = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { code, message: "x" } }), { status, headers });

/**
 * The server, scripted: each upload gets the next answer (then 200s). Every request is logged
 * with the virtual time it was made at, its token and the chunk it carried.
 */
function server(...answers: Array<() => Response>) {
  const log: Array<{ at: number; token: string; sessionId: string; seq: number }> = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body: unknown = JSON.parse(String(init.body));
    const { sessionId, seq } = body as { sessionId: string; seq: number };
    log.push({ at: Date.now(), token: new Headers(init.headers).get("Authorization")!.slice(7), sessionId, seq });
    return (answers.shift() ?? ok)();
  });
  return log;
}

function rig(chunks: Chunk[], overrides: Partial<SenderEvents> = {}) {
  const outbox = new Outbox(new ChunkStore(new MemoryStorage()));
  for (const c of chunks) outbox.add(c);
  const seen = { tokens: [] as boolean[], disabled: 0, gone: [] as string[], rejected: [] as string[], watched: [] as boolean[] };
  let n = 0;
  const events: SenderEvents = {
    getToken: async (refresh) => (seen.tokens.push(refresh), `t${n++}`),
    onDisabled: () => seen.disabled++,
    onSessionGone: (id) => seen.gone.push(id),
    onRejected: (_c, code) => seen.rejected.push(code),
    onWatched: (watched) => seen.watched.push(watched),
    ...overrides,
  };
  return { outbox, seen, sender: new Sender("https://r.example", outbox, events) };
}

const START = 1_767_225_600_000;
/** Lets pending promises (fetch, JSON bodies) settle without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Moves the clock on by `ms` and says how many uploads have been made by then. */
const uploadsAfter = async (log: unknown[], ms: number) => (await vi.advanceTimersByTimeAsync(ms), log.length);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: START });
  // Jitter at its top: each backoff is its full ceiling (1 s, 2 s, 4 s...).
  vi.spyOn(Math, "random").mockReturnValue(1);
});

describe("Sender", () => {
  it("sends oldest first and empties the outbox", async () => {
    const log = server();
    const { outbox, sender } = rig([emptyChunk(0), emptyChunk(1), emptyChunk(2)]);
    sender.kick();
    await settle();
    expect(log.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(outbox.list()).toEqual([]);
  });

  it("tells after each stored chunk whether the answer said watched", async () => {
    const watched = () => new Response('{"ok":true,"watched":true}');
    server(watched, ok, watched, () => error(503, "storage_unavailable"));
    const { seen, sender } = rig([emptyChunk(0), emptyChunk(1), emptyChunk(2), emptyChunk(3)]);
    sender.kick();
    await settle();
    // The 503 says nothing: only stored chunks' answers count.
    expect(seen.watched).toEqual([true, false, true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.watched).toEqual([true, false, true, false]);
  });

  it("retries a failing chunk with the same seq, backing off exponentially, before sending the next", async () => {
    const log = server(
      () => error(503, "storage_unavailable"),
      () => error(503, "storage_unavailable"),
      () => error(500, "internal_error"),
    );
    const { outbox, sender } = rig([emptyChunk(0), emptyChunk(1)]);
    sender.kick();
    expect(await uploadsAfter(log, 0)).toBe(1);
    expect(await uploadsAfter(log, 999)).toBe(1);
    expect(await uploadsAfter(log, 1)).toBe(2);
    expect(await uploadsAfter(log, 2000)).toBe(3);
    expect(await uploadsAfter(log, 4000)).toBe(5);
    expect(log.map((r) => [r.seq, r.at - START])).toEqual([
      [0, 0],
      [0, 1000],
      [0, 3000],
      [0, 7000],
      [1, 7000],
    ]);
    expect(outbox.list()).toEqual([]);
  });

  it("waits what a 429's Retry-After says, capped at RETRY_MAX_MS", async () => {
    const log = server(
      () => error(429, "rate_limited", { "Retry-After": "7" }),
      () => error(429, "rate_limited", { "Retry-After": "3600" }),
    );
    const { sender } = rig([emptyChunk(0)]);
    sender.kick();
    expect(await uploadsAfter(log, 6999)).toBe(1);
    expect(await uploadsAfter(log, 1)).toBe(2);
    expect(await uploadsAfter(log, RETRY_MAX_MS)).toBe(3);
    expect(log.map((r) => r.at - START)).toEqual([0, 7000, 7000 + RETRY_MAX_MS]);
  });

  it("asks for a fresh token after a 401, then backs off when fresh tokens are refused too", async () => {
    const refused = Array.from({ length: TOKEN_REFRESH_ATTEMPTS + 1 }, () => () => error(401, "invalid_token"));
    const log = server(...refused);
    const { seen, sender } = rig([emptyChunk(0)]);
    sender.kick();
    await settle();
    // The first token, then TOKEN_REFRESH_ATTEMPTS fresh ones at once; then a pause.
    expect(log.map((r) => r.token)).toEqual(["t0", "t1", "t2"]);
    expect(seen.tokens).toEqual([false, true, true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.map((r) => [r.token, r.at - START])).toEqual([
      ["t0", 0],
      ["t1", 0],
      ["t2", 0],
      ["t3", 1000],
    ]);
  });

  it("drops a refused chunk, says so, and goes on with the next", async () => {
    const log = server(() => error(400, "bad_event"));
    const { outbox, seen, sender } = rig([emptyChunk(0), emptyChunk(1)]);
    sender.kick();
    await settle();
    expect(seen.rejected).toEqual(["bad_event"]);
    expect(log.map((r) => r.seq)).toEqual([0, 1]);
    expect(outbox.list()).toEqual([]);
  });

  it("drops every chunk of an erased session and keeps sending the others", async () => {
    const log = server(() => error(410, "session_erased"));
    const { outbox, seen, sender } = rig([emptyChunk(0), emptyChunk(1), emptyChunk(0, OTHER)]);
    sender.kick();
    await settle();
    expect(seen.gone).toEqual([SESSION]);
    expect(log.map((r) => [r.sessionId, r.seq])).toEqual([
      [SESSION, 0],
      [OTHER, 0],
    ]);
    expect(outbox.list()).toEqual([]);
  });

  it("stops at replay_disabled and keeps the chunk", async () => {
    const log = server(() => error(403, "replay_disabled"));
    const { outbox, seen, sender } = rig([emptyChunk(0)]);
    sender.kick();
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS);
    expect(seen.disabled).toBe(1);
    expect(log).toHaveLength(1);
    expect(outbox.list()).toHaveLength(1);
  });

  it("kick(true) cuts a backoff short", async () => {
    const log = server(() => error(503, "storage_unavailable"));
    const { sender } = rig([emptyChunk(0)]);
    sender.kick();
    await vi.advanceTimersByTimeAsync(10);
    sender.kick(true);
    await settle();
    expect(log.map((r) => r.at - START)).toEqual([0, 10]);
  });

  it("whenSent resolves once what was queued has left, or after its wait", async () => {
    server(() => error(503, "storage_unavailable"));
    const { sender } = rig([emptyChunk(0)]);
    let sent = false;
    void sender.whenSent(30_000).then(() => (sent = true));
    sender.kick();
    await settle();
    expect(sent).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toBe(true);

    server(...Array.from({ length: 100 }, () => () => error(503, "storage_unavailable")));
    const stuck = rig([emptyChunk(1)]);
    let gaveUp = false;
    void stuck.sender.whenSent(5000).then(() => (gaveUp = true));
    stuck.sender.kick();
    await vi.advanceTimersByTimeAsync(4999);
    expect(gaveUp).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(gaveUp).toBe(true);
    stuck.sender.stop();
  });

  it("sends nothing more once stopped", async () => {
    const log = server(() => error(503, "storage_unavailable"));
    const { outbox, sender } = rig([emptyChunk(0)]);
    sender.kick();
    await settle();
    sender.stop();
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS);
    sender.kick();
    await settle();
    expect(log).toHaveLength(1);
    expect(outbox.list()).toHaveLength(1);
  });
});
