import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runCron } from "../helpers/worker/cron";
import { makeEvents } from "../helpers/worker/events";
import { seedChunk } from "../helpers/worker/upload";
import { seedSessionAt } from "../helpers/worker/ingest-at";
import { ERASED, countRows, sessionObjects, storedFor } from "../helpers/worker/storage";
import { DAY_MS } from "../helpers/worker/time";

describe("scheduled handler (cron)", () => {
  it("runs, erasing sessions past retention and keeping recent ones", async () => {
    const now = Date.now();
    // Retention counts from when the server received the last chunk.
    const old = await seedSessionAt(now - 20 * DAY_MS, "cron-user", { chunks: 1 });
    const fresh = await seedChunk({ userId: "cron-user", events: makeEvents(3, { start: now - 60_000 }) });
    expect(await sessionObjects(old)).toHaveLength(1);

    await runCron(now);

    expect(await storedFor(old)).toEqual(ERASED);
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", fresh.sessionId)).toBe(1);
    expect(await sessionObjects(fresh.sessionId)).toHaveLength(1);
  });

  it("honours REPLAY_RETENTION_DAYS", async () => {
    const now = Date.now();
    const threeDays = await seedSessionAt(now - 3 * DAY_MS, "cron-user-2", { chunks: 1 });
    await runCron(now, { REPLAY_RETENTION_DAYS: "7" });
    expect(await sessionObjects(threeDays)).toHaveLength(1);
    await runCron(now, { REPLAY_RETENTION_DAYS: "2" });
    expect(await sessionObjects(threeDays)).toEqual([]);
    expect(await countRows("sessions", "id = ?", threeDays)).toBe(0);
  });

  it("carries out pending deletion requests and marks them complete at the run's time", async () => {
    const now = Date.now();
    const s = await seedChunk({ userId: "cron-leaver", events: makeEvents(3, { start: now - 60_000 }) });
    const id = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO deletion_requests (id, user_id, requested_by, source, requested_at) VALUES (?, ?, ?, 'admin', ?)")
      .bind(id, "cron-leaver", "root", Date.now())
      .run();
    // A scheduled time unlike the wall clock, so the test tells the run's time from Date.now().
    const scheduledTime = now + 7 * 60_000;
    await runCron(scheduledTime);
    expect(await sessionObjects(s.sessionId)).toEqual([]);
    expect(await countRows("sessions", "id = ?", s.sessionId)).toBe(0);
    const row = await env.DB.prepare("SELECT completed_at, sessions_erased FROM deletion_requests WHERE id = ?")
      .bind(id)
      .first<{ completed_at: number | null }>();
    expect(row).toEqual({ completed_at: scheduledTime, sessions_erased: 1 });
  });
});
