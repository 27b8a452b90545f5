import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { adminFetch } from "../../helpers/worker/admin";
import { call, callWithEnv } from "../../helpers/worker/http";
import { mintToken } from "../../helpers/tokens";
import { uploadRequest } from "../../helpers/worker/upload";
import { flushIndex, withObjectBindings } from "../../helpers/worker/session-object";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { seedSession, upload } from "../../helpers/worker/seed";
import { seedSessionAt, storeAt } from "../../helpers/worker/ingest-at";
import { chunkRows, expectObjectsMatchRows, storedFor } from "../../helpers/worker/storage";
import { MINUTE_MS as MINUTE, SECOND_MS as SECOND, SEQUENTIAL_WORK_TIMEOUT_MS } from "../../helpers/worker/time";

const CHUNK_SPAN = 10 * SECOND;
const CHECKOUT_EVERY = 2 * MINUTE;
const WINDOW = 10 * MINUTE; // REPLAY_WINDOW_MINUTES default

describe("last-N-minutes window", () => {
  it(
    "keeps only the last 10 minutes of a 20-minute session, starting at a full snapshot",
    async () => {
      const start = Date.now() - 25 * MINUTE;
      const total = (20 * MINUTE) / CHUNK_SPAN; // 120 chunks, a checkout every 12th
      const sessionId = await seedSession("win-user", start, total, CHUNK_SPAN, (seq) => (seq * CHUNK_SPAN) % CHECKOUT_EVERY === 0);

      const rows = await chunkRows(sessionId);
      const first = rows[0];
      const last = rows[rows.length - 1];
      expect(first.has_full_snapshot).toBe(1);
      expect(last.seq).toBe(total - 1);
      const span = last.ended_at - first.started_at;
      expect(span).toBeGreaterThanOrEqual(WINDOW);
      expect(span).toBeLessThanOrEqual(WINDOW + CHECKOUT_EVERY);
      // Kept chunks are contiguous from the first kept one: nothing inside the window is lost.
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => first.seq + i));

      // Dropped chunks are gone from R2 too (no byte of a segment is theirs), and the session's totals match what is kept.
      const keys = await expectObjectsMatchRows(sessionId);
      const session = await env.DB.prepare("SELECT bytes, chunk_count, started_at FROM sessions WHERE id = ?")
        .bind(sessionId)
        .first<{ bytes: number; chunk_count: number; started_at: number }>();
      // started_at stays the session's real start, so the admin list order (and its paging) does not move.
      expect(session).toEqual({ bytes: rows.reduce((n, r) => n + r.bytes, 0), chunk_count: rows.length, started_at: start });

      // The kept part replays: its first chunk starts with Meta + FullSnapshot.
      const detail = (await (await adminFetch(`/api/admin/sessions/${sessionId}`)).json()) as { chunks: Array<{ seq: number; url: string }> };
      expect(detail.chunks[0].seq).toBe(first.seq);
      const events = (await (await call(detail.chunks[0].url)).json()) as Array<{ type: number }>;
      expect(events.slice(0, 2).map((e) => e.type)).toEqual([4, 2]);

      // A late retry of a dropped chunk is acknowledged but not stored again.
      const late = await upload("win-user", sessionId, 0, chunkEvents(start, CHUNK_SPAN - 1, { checkout: true }));
      expect(late.status).toBe(200);
      await flushIndex(sessionId);
      expect(await expectObjectsMatchRows(sessionId)).toEqual(keys);
      expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM chunks WHERE session_id = ? AND seq = 0").bind(sessionId).first<{ n: number }>())?.n).toBe(0);
    },
    SEQUENTIAL_WORK_TIMEOUT_MS,
  );

  it(
    "keeps everything while no full snapshot is old enough to start from",
    async () => {
      // One checkout at the start, then 15 minutes without another: nothing can be dropped.
      const sessionId = await seedSession("win-user-2", Date.now() - 30 * MINUTE, 90, CHUNK_SPAN);
      expect((await storedFor(sessionId)).chunkRows).toBe(90);
    },
    SEQUENTIAL_WORK_TIMEOUT_MS,
  );

  it("deletes the dropped chunks' objects with one R2 call", async () => {
    // Nine one-minute chunks, a checkout every two: all inside the default window, so uploads drop nothing.
    const start = Date.now() - 30 * MINUTE;
    const sessionId = await seedSession("win-user-3", start, 9, MINUTE, (seq) => seq % 2 === 0);
    const before = await chunkRows(sessionId);
    expect(before).toHaveLength(9);
    // One segment per run from a checkout: {0, 1}, {2, 3}, {4, 5}, {6, 7}, {8}.
    const segments = [...new Set(before.map((r) => r.storage_key))];
    expect(segments).toHaveLength(5);
    const deleteCalls: unknown[] = [];
    const bucket = new Proxy(env.CHUNKS, {
      get(target, prop) {
        if (prop === "delete") return (keys: string | string[]) => (deleteCalls.push(keys), target.delete(keys));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const spied = await withObjectBindings(sessionId, { CHUNKS: bucket });
    // With a 3-minute window, chunk 9 (minute 9) anchors the window at the checkout of minute 6, so chunks 0-5 go.
    const res = await callWithEnv(
      { REPLAY_WINDOW_MINUTES: "3" },
      uploadRequest(await mintToken("win-user-3"), JSON.stringify({ sessionId, seq: 9, events: chunkEvents(start + 9 * MINUTE, MINUTE - 1) })),
    );
    expect(res.status).toBe(200);
    await spied.restore();
    expect(deleteCalls).toEqual([segments.slice(0, 3)]);
    expect((await chunkRows(sessionId)).map((r) => r.seq)).toEqual([6, 7, 8, 9]);
    // Chunk 9 went into a segment of its own at the flush.
    expect(await expectObjectsMatchRows(sessionId)).toHaveLength(3);
  });

  it("bounds what is kept by receive time: 6 chunks over 60 minutes with one snapshot at the start are not all kept", async () => {
    const start = Date.now() - 70 * MINUTE;
    // Chunks received 12 minutes apart; only chunk 0 begins with a full snapshot (a client that never checks out again).
    const sessionId = await seedSessionAt(start, "win-recv", { chunks: 6, spanMs: 12 * MINUTE });
    // Received more than 15 minutes before the latest chunk: gone; and what would be left has no
    // snapshot to start from, so nothing is kept (no objects either) and the session is not listed.
    expect(await storedFor(sessionId)).toMatchObject({ sessionRows: 1, chunkRows: 0, objects: [] });
    expect((await adminFetch(`/api/admin/sessions/${sessionId}`)).status).toBe(404);

    // Chunks without a snapshot keep being dropped; the next checkout starts a replayable window.
    const at = start + 6 * 12 * MINUTE;
    expect(await storeAt(at, "win-recv", { sessionId, seq: 6, events: chunkEvents(at, 1000) })).toMatchObject({ status: "stored" });
    expect((await storedFor(sessionId)).chunkRows).toBe(0);
    expect(await storeAt(at + 5 * SECOND, "win-recv", { sessionId, seq: 7, events: chunkEvents(at + 5 * SECOND, 1000, { checkout: true }) })).toMatchObject({
      status: "stored",
    });
    expect(await storeAt(at + 10 * SECOND, "win-recv", { sessionId, seq: 8, events: chunkEvents(at + 10 * SECOND, 1000) })).toMatchObject({ status: "stored" });
    const rows = await chunkRows(sessionId);
    expect(rows.map((r) => ({ seq: r.seq, has_full_snapshot: r.has_full_snapshot }))).toEqual([
      { seq: 7, has_full_snapshot: 1 },
      { seq: 8, has_full_snapshot: 0 },
    ]);
    await expectObjectsMatchRows(sessionId);
    const detail = (await (await adminFetch(`/api/admin/sessions/${sessionId}`)).json()) as { chunks: Array<{ seq: number; url: string }> };
    const events = (await (await call(detail.chunks[0].url)).json()) as Array<{ type: number }>;
    expect(events.slice(0, 2).map((e) => e.type)).toEqual([4, 2]);
  });

  it("keeps from the first snapshot received within the window plus 5 minutes, whatever the page's clock says", async () => {
    const start = Date.now() - 30 * MINUTE;
    const sessionId = newSessionId();
    // The page's clock stands still (every event at the same time), so only receive times tell the chunks apart.
    const pageTime = start;
    const received = [0, 2, 4, 9, 14, 21].map((m) => start + m * MINUTE);
    for (const [seq, at] of received.entries()) {
      const events = chunkEvents(pageTime, 0, { checkout: seq === 0 || seq === 3 });
      expect(await storeAt(at, "win-clock", { sessionId, seq, events })).toMatchObject({ status: "stored" });
    }
    // At minute 21, chunks received before minute 6 are out: the kept data starts at chunk 3's snapshot.
    expect((await chunkRows(sessionId)).map((r) => r.seq)).toEqual([3, 4, 5]);
    // Whether chunks 0-2 were still buffered or already in a segment when dropped, none of their bytes is left.
    await expectObjectsMatchRows(sessionId);
  });
});
