import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { click, meta, move, mutation, NODE, snapshot, type SyntheticEvent } from "../../helpers/insight-events";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { getHeatmap } from "../../helpers/worker/heatmap";
import { storeAt } from "../../helpers/worker/ingest-at";
import { sessionStub } from "../../helpers/worker/live";
import { upload } from "../../helpers/worker/seed";
import { flushIndex, indexStatements } from "../../helpers/worker/session-object";
import { chunkRows, countRows, sessionRow } from "../../helpers/worker/storage";
import { MINUTE_MS, SECOND_MS, SEQUENTIAL_WORK_TIMEOUT_MS } from "../../helpers/worker/time";
import { FLUSH_END_AFTER_MS, FLUSH_PENDING_ROWS, nextFlushAt } from "../../../worker/session/index-flush";
import type { KeptRow } from "../../../worker/session/kept-chunks";
import type { SessionState } from "../../../worker/session/session-state";

afterEach(() => {
  vi.restoreAllMocks();
});

const CADENCE_MS = 5 * SECOND_MS; // the recorder cuts a chunk every 5 s
const CHECKOUT_EVERY = 24; // and a full snapshot every 2 minutes

/**
 * Uploads a 10-minute session (ending a minute ago) at the recorder's cadence, each chunk's
 * events made by `eventsAt` from its seq and start time, and checks every upload is taken.
 */
async function uploadTenMinutes(userId: string, sessionId: string, eventsAt: (seq: number, t: number) => unknown[]) {
  const start = Date.now() - 11 * MINUTE_MS;
  const total = (10 * MINUTE_MS) / CADENCE_MS; // 120 chunks
  for (let seq = 0; seq < total; seq++) {
    expect((await upload(userId, sessionId, seq, eventsAt(seq, start + seq * CADENCE_MS))).status).toBe(200);
  }
  return { start, total };
}

describe("D1 writes of a session's object", () => {
  it(
    "a 10-minute session at the recorder's cadence costs at most 0.1 D1 write statements per chunk, and D1 ends up exact",
    async () => {
      const sessionId = newSessionId();
      const { start, total } = await uploadTenMinutes("budget-user", sessionId, (seq, t) =>
        chunkEvents(t, CADENCE_MS - 1, { checkout: seq % CHECKOUT_EVERY === 0 }),
      );
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
    SEQUENTIAL_WORK_TIMEOUT_MS,
  );

  it(
    "with clicks (a click per few chunks, a rage burst, a dead click) it still costs at most 0.1 per chunk, and D1 ends up exact",
    async () => {
      const sessionId = newSessionId();
      const page = `https://shop.example.com/budget-${sessionId}`;
      const RAGE_SEQ = 30;
      const DEAD_SEQ = 70;
      let clicks = 0;
      const { start, total } = await uploadTenMinutes("budget-clicks", sessionId, (seq, t) => {
        const events: SyntheticEvent[] = seq % CHECKOUT_EVERY === 0 ? [meta(t, page, 1000, 500), snapshot(t)] : [];
        if (seq % 3 === 0) events.push(click(t + 100, NODE.text, seq * 5, 100), mutation(t + 200));
        if (seq === RAGE_SEQ) events.push(click(t + 1000, NODE.text, 500, 250), click(t + 1200, NODE.text, 500, 250), click(t + 1400, NODE.text, 500, 250));
        if (seq === DEAD_SEQ) events.push(click(t + 1000, NODE.pay, 800, 400));
        events.push(move(t + CADENCE_MS - 1));
        clicks += events.filter((e) => e.data.source === 2 && e.data.type === 2).length;
        return events;
      });
      await flushIndex(sessionId);
      const statements = await indexStatements(sessionId);
      expect(statements / total).toBeLessThanOrEqual(0.1);

      const d1 = await env.DB.prepare("SELECT type, at, clicks FROM session_insights WHERE session_id = ? ORDER BY at").bind(sessionId).all();
      expect(d1.results).toEqual([
        { type: 1, at: start + RAGE_SEQ * CADENCE_MS + 1000, clicks: 3 },
        { type: 2, at: start + DEAD_SEQ * CADENCE_MS + 1000, clicks: 1 },
      ]);
      expect(await sessionRow(sessionId)).toMatchObject({ chunk_count: total, rage_clicks: 1, dead_clicks: 1 });
      expect((await chunkRows(sessionId)).length).toBe(total);
      const heat = await getHeatmap({ url: page, from: start, to: start + total * CADENCE_MS });
      expect(heat.body.clicks).toBe(clicks);
      const pageRow = await env.DB.prepare("SELECT clicks FROM heatmap_pages WHERE page_url = ?").bind(page).first();
      expect(pageRow).toEqual({ clicks });
    },
    SEQUENTIAL_WORK_TIMEOUT_MS,
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
    storageKey: null,
    blobOffset: null,
    blobLength: null,
    receivedAt: T,
    indexed: false,
    ...over,
  });

  it("is null when D1 has everything", () => {
    expect(nextFlushAt(state(), [])).toBeNull();
  });

  it("is at once for decided insights or a full batch of pending rows, not for a checkout", () => {
    expect(nextFlushAt(state(), [row(0, { hasFullSnapshot: true }), row(1), row(2, { hasFullSnapshot: true })])).toBe(T + FLUSH_END_AFTER_MS);
    expect(nextFlushAt(state(), [], { decided: true, oldestClickAt: null })).toBe(0);
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
    // Buffered heatmap clicks keep D1 behind, and wait at most as long as a row.
    expect(nextFlushAt(state({ lastChunkAt: T + 9 * MINUTE_MS + 30_000 }), [], { decided: false, oldestClickAt: T })).toBe(T + 10 * MINUTE_MS);
  });
});
