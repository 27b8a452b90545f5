import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { trimToWindow } from "../../../worker/ingest/trim-window";
import { adminFetch } from "../../helpers/worker/admin";
import { call } from "../../helpers/worker/http";
import { chunkEvents } from "../../helpers/worker/events";
import { seedSession, upload } from "../../helpers/worker/seed";
import { storedFor } from "../../helpers/worker/storage";
import { MINUTE_MS as MINUTE, SECOND_MS as SECOND } from "../../helpers/worker/time";

const CHUNK_SPAN = 10 * SECOND;
const CHECKOUT_EVERY = 2 * MINUTE;
const WINDOW = 10 * MINUTE; // REPLAY_WINDOW_MINUTES default
// A hundred sequential uploads: generous on a loaded 2-core CI machine.
const UPLOADS_TIMEOUT_MS = 120_000;

describe("last-N-minutes window", () => {
  it("keeps only the last 10 minutes of a 20-minute session, starting at a full snapshot", async () => {
    const start = Date.now() - 25 * MINUTE;
    const total = (20 * MINUTE) / CHUNK_SPAN; // 120 chunks, a checkout every 12th
    const sessionId = await seedSession("win-user", start, total, CHUNK_SPAN, (seq) => (seq * CHUNK_SPAN) % CHECKOUT_EVERY === 0);

    const rows = (await env.DB.prepare("SELECT seq, started_at, ended_at, bytes, has_full_snapshot FROM chunks WHERE session_id = ? ORDER BY seq").bind(sessionId).all<{ seq: number; started_at: number; ended_at: number; bytes: number; has_full_snapshot: number }>()).results;
    const first = rows[0];
    const last = rows[rows.length - 1];
    expect(first.has_full_snapshot).toBe(1);
    expect(last.seq).toBe(total - 1);
    const span = last.ended_at - first.started_at;
    expect(span).toBeGreaterThanOrEqual(WINDOW);
    expect(span).toBeLessThanOrEqual(WINDOW + CHECKOUT_EVERY);
    // Kept chunks are contiguous from the first kept one: nothing inside the window is lost.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => first.seq + i));

    // Dropped chunks are gone from R2 too, and the session's totals match what is kept.
    const stored = await storedFor(sessionId);
    expect(stored.objects).toHaveLength(rows.length);
    const session = await env.DB.prepare("SELECT bytes, chunk_count, started_at FROM sessions WHERE id = ?").bind(sessionId).first<{ bytes: number; chunk_count: number; started_at: number }>();
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
    expect((await storedFor(sessionId)).objects).toHaveLength(rows.length);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM chunks WHERE session_id = ? AND seq = 0").bind(sessionId).first<{ n: number }>())?.n).toBe(0);
  }, UPLOADS_TIMEOUT_MS);

  it("keeps everything while no full snapshot is old enough to start from", async () => {
    // One checkout at the start, then 15 minutes without another: nothing can be dropped.
    const sessionId = await seedSession("win-user-2", Date.now() - 30 * MINUTE, 90, CHUNK_SPAN);
    expect((await storedFor(sessionId)).chunkRows).toBe(90);
  }, UPLOADS_TIMEOUT_MS);

  it("deletes the dropped chunks' objects with one R2 call", async () => {
    // Nine one-minute chunks, a checkout every two: all inside the default window, so uploads drop nothing.
    const sessionId = await seedSession("win-user-3", Date.now() - 30 * MINUTE, 9, MINUTE, (seq) => seq % 2 === 0);
    expect((await storedFor(sessionId)).chunkRows).toBe(9);
    const deleteCalls: unknown[] = [];
    const bucket = new Proxy(env.CHUNKS, {
      get(target, prop) {
        if (prop === "delete") return (keys: string | string[]) => (deleteCalls.push(keys), target.delete(keys));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    // A 3-minute window anchors at the checkout of minute 4, so chunks 0-3 go.
    expect(await trimToWindow({ ...env, CHUNKS: bucket }, database(env.DB), sessionId, 3 * MINUTE)).toBe(4);
    expect(deleteCalls).toEqual([[0, 1, 2, 3].map((seq) => `sessions/${sessionId}/chunks/${String(seq).padStart(10, "0")}.bin`)]);
    const stored = await storedFor(sessionId);
    expect(stored.chunkRows).toBe(5);
    expect(stored.objects).toHaveLength(5);
  });
});
