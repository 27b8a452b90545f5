import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { storeAt } from "../../helpers/worker/ingest-at";
import { sessionStub } from "../../helpers/worker/live";
import { upload } from "../../helpers/worker/seed";
import { flushIndex, indexStatements } from "../../helpers/worker/session-object";
import { chunkRows, countRows, sessionRow } from "../../helpers/worker/storage";
import { MINUTE_MS, SECOND_MS } from "../../helpers/worker/time";
import { FLUSH_END_AFTER_MS, FLUSH_PENDING_ROWS, nextFlushAt } from "../../../worker/session/index-flush";
import type { KeptRow } from "../../../worker/session/kept-chunks";
import type { SessionState } from "../../../worker/session/session-state";

afterEach(() => {
  vi.restoreAllMocks();
});

const CADENCE_MS = 5 * SECOND_MS; // the recorder cuts a chunk every 5 s
const CHECKOUT_EVERY = 24; // and a full snapshot every 2 minutes
// 120 sequential uploads: generous on a loaded 2-core machine (a hang guard, not a speed check).
const UPLOADS_TIMEOUT_MS = 120_000;

describe("D1 writes of a session's object", () => {
  it(
    "a 10-minute session at the recorder's cadence costs at most 0.1 D1 write statements per chunk, and D1 ends up exact",
    async () => {
      const sessionId = newSessionId();
      const start = Date.now() - 11 * MINUTE_MS;
      const total = (10 * MINUTE_MS) / CADENCE_MS; // 120 chunks
      for (let seq = 0; seq < total; seq++) {
        const res = await upload(
          "budget-user",
          sessionId,
          seq,
          chunkEvents(start + seq * CADENCE_MS, CADENCE_MS - 1, { checkout: seq % CHECKOUT_EVERY === 0 }),
        );
        expect(res.status).toBe(200);
      }
      // The end flush (its alarm, 60 s after the last chunk), run now.
      await flushIndex(sessionId);
      const statements = await indexStatements(sessionId);
      expect(statements).toBeGreaterThan(0);
      expect(statements / total).toBeLessThanOrEqual(0.1);

      const rows = await chunkRows(sessionId);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(await sessionRow(sessionId)).toMatchObject({
        chunk_count: total,
        bytes: rows.reduce((n, r) => n + r.bytes, 0),
        started_at: start,
        ended_at: start + total * CADENCE_MS - 1,
      });
    },
    UPLOADS_TIMEOUT_MS,
  );

  it("writes the final summary and last_chunk_at from its end alarm, 60 s after the last chunk, without being asked", async () => {
    const sessionId = newSessionId();
    const at = Date.now();
    for (const seq of [0, 1]) {
      const events = chunkEvents(at + seq * CADENCE_MS, 1000, { checkout: seq === 0 });
      expect(await storeAt(at + seq * CADENCE_MS, "end-user", { sessionId, seq, events })).toMatchObject({ status: "stored" });
    }
    // The claim wrote the row with chunk 0's summary; chunk 1 waits in the object.
    const before = await env.DB.prepare("SELECT chunk_count, last_chunk_at FROM sessions WHERE id = ?").bind(sessionId).first();
    expect(before).toEqual({ chunk_count: 1, last_chunk_at: at });
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(0);

    vi.spyOn(Date, "now").mockReturnValue(at + CADENCE_MS + FLUSH_END_AFTER_MS);
    expect(await runDurableObjectAlarm(sessionStub(sessionId))).toBe(true);
    expect(await env.DB.prepare("SELECT chunk_count, last_chunk_at FROM sessions WHERE id = ?").bind(sessionId).first()).toEqual({
      chunk_count: 2,
      last_chunk_at: at + CADENCE_MS,
    });
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(2);
  });
});

describe("nextFlushAt", () => {
  const T = 1_767_225_600_000;
  const state = (over: Partial<SessionState> = {}): SessionState => ({
    sessionId: "s",
    userId: "u",
    startedAt: T,
    endedAt: T,
    meta: null,
    device: 0,
    lastUrl: null,
    lastChunkAt: T,
    keptFromSeq: 0,
    indexHasDropped: false,
    dirty: false,
    indexStatements: 0,
    ...over,
  });
  const row = (seq: number, over: Partial<KeptRow> = {}): KeptRow => ({
    seq,
    startedAt: T,
    endedAt: T,
    bytes: 1,
    rawBytes: 1,
    eventCount: 1,
    hasFullSnapshot: false,
    storageKey: "",
    receivedAt: T,
    indexed: false,
    ...over,
  });

  it("is null when D1 has everything", () => {
    expect(nextFlushAt(state(), [])).toBeNull();
  });

  it("is at once for a checkout after pending rows, or a full batch of pending rows", () => {
    expect(nextFlushAt(state(), [row(0, { hasFullSnapshot: true }), row(1), row(2, { hasFullSnapshot: true })])).toBe(0);
    expect(
      nextFlushAt(
        state(),
        Array.from({ length: FLUSH_PENDING_ROWS }, (_, i) => row(i)),
      ),
    ).toBe(0);
  });

  it("otherwise is the end, 60 s after the last chunk (or 10 min after the oldest pending row, if sooner)", () => {
    expect(nextFlushAt(state({ lastChunkAt: T + 5_000 }), [row(0, { hasFullSnapshot: true }), row(1)])).toBe(T + 5_000 + FLUSH_END_AFTER_MS);
    expect(nextFlushAt(state({ dirty: true, lastChunkAt: T + 9 * MINUTE_MS + 30_000 }), [row(0)])).toBe(T + 10 * MINUTE_MS);
    expect(nextFlushAt(state({ dirty: true }), [])).toBe(T + FLUSH_END_AFTER_MS);
  });
});
