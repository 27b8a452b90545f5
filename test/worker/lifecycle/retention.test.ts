import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { runRetention } from "../../../worker/lifecycle/retention";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { adminFetch } from "../../helpers/worker/admin";
import { runCron } from "../../helpers/worker/cron";
import { seedSession } from "../../helpers/worker/seed";
import { seedSessionAt, seedSessionsFrom, storeAt } from "../../helpers/worker/ingest-at";
import { flushIndex } from "../../helpers/worker/session-object";
import { chunkEvents } from "../../helpers/worker/events";
import { ERASED, storedFor } from "../../helpers/worker/storage";
import { DAY_MS as DAY, MINUTE_MS as MINUTE } from "../../helpers/worker/time";

describe("retention cron", () => {
  it("erases sessions whose last chunk arrived just outside REPLAY_RETENTION_DAYS and keeps those just inside, run after run", async () => {
    const now = Date.now();
    // Two chunks received 5 s apart: the last arrives ~5 s after the first.
    const outside = await seedSessionAt(now - 14 * DAY - 2 * MINUTE, "ret-a");
    const inside = await seedSessionAt(now - 14 * DAY + 2 * MINUTE, "ret-a");
    const other = await seedSessionAt(now - 1 * DAY, "ret-b");

    await runCron(now);

    expect(await storedFor(outside)).toEqual(ERASED);
    const kept = await storedFor(inside);
    expect(kept).toMatchObject({ sessionRows: 1, chunkRows: 2, keyRows: 1 });
    // Its two chunks: one run from a full snapshot, one segment.
    expect(kept.objects).toHaveLength(1);
    expect((await storedFor(other)).chunkRows).toBe(2);

    const list = (await (await adminFetch("/api/admin/sessions?userId=ret-a")).json()) as { sessions: Array<{ id: string }> };
    expect(list.sessions.map((s) => s.id)).toEqual([inside]);
    expect((await adminFetch(`/api/admin/sessions/${outside}`)).status).toBe(404);

    // Idempotent: a second run with nothing more to do erases nothing else.
    await runCron(now);
    expect(await storedFor(inside)).toEqual(kept);
    expect((await storedFor(other)).chunkRows).toBe(2);
  });

  it("keeps a session whose events carry a time 30 days old but that was uploaded now (the server's clock decides)", async () => {
    const now = Date.now();
    const skewed = await seedSession("ret-skew", now - 30 * DAY);
    await runCron(now);
    expect(await storedFor(skewed)).toMatchObject({ sessionRows: 1, chunkRows: 2, keyRows: 1 });
    expect((await adminFetch(`/api/admin/sessions/${skewed}`)).status).toBe(200);
    // It goes once its last chunk is older than the retention, by the server's clock.
    await runCron(now + 14 * DAY + MINUTE);
    expect(await storedFor(skewed)).toEqual(ERASED);
  });

  it("counts retention from the session's last chunk, not its first", async () => {
    const now = Date.now();
    // Received 20 days ago, then again yesterday (each chunk a checkout, so the window keeps the last).
    const resumed = crypto.randomUUID();
    for (const [seq, at] of [now - 20 * DAY, now - DAY].entries()) {
      expect((await storeAt(at, "ret-resumed", { sessionId: resumed, seq, events: chunkEvents(at, 5_000, { checkout: true }) })).status).toBe("stored");
    }
    // The object writes the index at once for a checkout after pending rows (from its alarm); the cron reads D1.
    await flushIndex(resumed);
    await runCron(now);
    expect((await storedFor(resumed)).sessionRows).toBe(1);
  });

  it("a purge cut off after a partial batch is finished by the next run", async () => {
    const now = Date.now();
    const old = [await seedSessionAt(now - 30 * DAY, "ret-c"), await seedSessionAt(now - 29 * DAY, "ret-c"), await seedSessionAt(now - 28 * DAY, "ret-c")];
    const db = database(env.DB);

    // A run that only got as far as one session.
    expect(await runRetention(env, db, 14, now, 1)).toBe(1);
    const afterFirst = await Promise.all(old.map(storedFor));
    expect(afterFirst.filter((s) => s.sessionRows === 0)).toHaveLength(1);

    // A run killed between shredding and object deletion: keys gone, rows and objects still there.
    await shredSessions(db, oneSession(old[1]), now);
    const shredded = await storedFor(old[1]);
    // The oldest went first, so this one is still stored, but already unreadable and hidden.
    expect(shredded).toMatchObject({ sessionRows: 1, chunkRows: 2, keyRows: 0 });
    expect((await adminFetch(`/api/admin/sessions/${old[1]}`)).status).toBe(404);

    await runCron(now);
    for (const id of old) expect(await storedFor(id)).toEqual(ERASED);
  });

  it("one run drains more expired sessions than a single batch holds", async () => {
    const now = Date.now();
    const many = await seedSessionsFrom(now - 40 * DAY, "ret-bulk", 60);
    await runCron(now);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = 'ret-bulk'").first<{ n: number }>();
    expect(left?.n).toBe(0);
    expect(await storedFor(many[59])).toEqual(ERASED);
  }, 120_000);
});
