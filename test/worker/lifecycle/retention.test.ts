import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { runRetention } from "../../../worker/lifecycle/retention";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { adminFetch } from "../../helpers/worker/admin";
import { runCron } from "../../helpers/worker/cron";
import { seedSession } from "../../helpers/worker/seed";
import { ERASED, storedFor } from "../../helpers/worker/storage";
import { DAY_MS as DAY, MINUTE_MS as MINUTE } from "../../helpers/worker/time";

describe("retention cron", () => {
  it("erases sessions that ended just outside REPLAY_RETENTION_DAYS and keeps those just inside", async () => {
    const now = Date.now();
    // Two chunks of 5 s: the session ends ~10 s after it starts.
    const outside = await seedSession("ret-a", now - 14 * DAY - 2 * MINUTE);
    const inside = await seedSession("ret-a", now - 14 * DAY + 2 * MINUTE);
    const other = await seedSession("ret-b", now - 1 * DAY);

    await runCron(now);

    expect(await storedFor(outside)).toEqual(ERASED);
    const kept = await storedFor(inside);
    expect(kept).toMatchObject({ sessionRows: 1, chunkRows: 2, keyRows: 1 });
    expect(kept.objects).toHaveLength(2);
    expect((await storedFor(other)).chunkRows).toBe(2);

    const list = (await (await adminFetch("/api/admin/sessions?userId=ret-a")).json()) as { sessions: Array<{ id: string }> };
    expect(list.sessions.map((s) => s.id)).toEqual([inside]);
    expect((await adminFetch(`/api/admin/sessions/${outside}`)).status).toBe(404);
  });

  it("a purge cut off after a partial batch is finished by the next run", async () => {
    const now = Date.now();
    const old = [await seedSession("ret-c", now - 30 * DAY), await seedSession("ret-c", now - 29 * DAY), await seedSession("ret-c", now - 28 * DAY)];
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
    const many: string[] = [];
    for (let i = 0; i < 60; i++) many.push(await seedSession("ret-bulk", now - 40 * DAY + i * MINUTE, 1));
    await runCron(now);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = 'ret-bulk'").first<{ n: number }>();
    expect(left?.n).toBe(0);
    expect((await env.CHUNKS.list({ prefix: `sessions/${many[59]}/` })).objects).toHaveLength(0);
  }, 120_000);

  it("is idempotent: a second run with nothing to do erases nothing else", async () => {
    const now = Date.now();
    const keep = await seedSession("ret-d", now - 2 * DAY);
    await runCron(now);
    await runCron(now);
    expect((await storedFor(keep)).chunkRows).toBe(2);
  });
});
