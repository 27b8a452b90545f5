import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { AUDIT_KEEP_MS, runScheduledWork } from "../../../worker/lifecycle/scheduled";
import { recordAudit } from "../../../worker/audit/record-audit";
import { database } from "../../../worker/db/client";
import { newSessionId } from "../../helpers/worker/events";
import { ORPHAN_GRACE_MS } from "../../../worker/lifecycle/orphans";
import { runCron } from "../../helpers/worker/cron";
import { d1FailingOn } from "../../helpers/worker/d1";
import { seedSessionAt, seedSessionsFrom } from "../../helpers/worker/ingest-at";
import { ERASED, countObjects, storedFor } from "../../helpers/worker/storage";
import { DAY_MS, MINUTE_MS } from "../../helpers/worker/time";

/** More than one scan page (500 objects) and five times D1's 100 bound parameters. */
const ORPHANS = 520;

describe("scheduled work", () => {
  it("reaps more than 500 orphan objects older than an hour, and every other step still runs", async () => {
    const now = Date.now();
    const kept = await seedSessionAt(now - 2 * MINUTE_MS, "sched-keep");
    for (let i = 0; i < ORPHANS; i++)
      await env.CHUNKS.put(`sessions/${crypto.randomUUID()}/chunks/${String(i).padStart(10, "0")}.bin`, new Uint8Array([i % 256]));
    // The kept session's two chunks are one segment.
    expect(await countObjects()).toBe(ORPHANS + 1);

    const later = now + ORPHAN_GRACE_MS + MINUTE_MS;
    const first = await runScheduledWork(env, later);
    const second = await runScheduledWork(env, later);
    expect([first.failedSteps, second.failedSteps]).toEqual([[], []]);
    expect((first.orphansReaped ?? 0) + (second.orphansReaped ?? 0)).toBe(ORPHANS);
    expect(first).toMatchObject({ metricsPruned: expect.any(Number), keysRewrapped: 0, tombstonesPruned: expect.any(Number) });
    expect(await countObjects()).toBe(1);
    expect((await storedFor(kept)).objects).toHaveLength(1);
  }, 120_000);

  it("logs a step that fails and still runs the steps after it", async () => {
    const now = Date.now();
    const expired = await seedSessionAt(now - 15 * DAY_MS, "sched-old");
    const oldMinute = Math.floor((now - 8 * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    await env.DB.prepare("INSERT INTO metrics (minute, name, label, value) VALUES (?, 'uploads', '', 1)").bind(oldMinute).run();
    await env.DB.prepare("INSERT INTO erased_sessions (session_id, erased_at) VALUES (?, ?)")
      .bind(crypto.randomUUID(), now - 40 * DAY_MS)
      .run();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    // The orphan scan (and the heatmap prune) keep their state in ops_state: make that table fail, as a broken step would.
    await runCron(now, { DB: d1FailingOn(/"ops_state"/) });

    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)));
    const failed = logged.filter((l) => l.msg === "scheduled step failed");
    expect(failed.map((l) => [l.level, l.step])).toEqual([
      ["error", "orphansReaped"],
      ["error", "heatmapCellsPruned"],
    ]);
    // Steps before and after the failing one did their work.
    expect(await storedFor(expired)).toEqual(ERASED);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM metrics WHERE minute = ?").bind(oldMinute).first("n")).toBe(0);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM erased_sessions WHERE erased_at < ?")
        .bind(now - 30 * DAY_MS)
        .first("n"),
    ).toBe(0);
  });

  it("counts each erased session once when runs overlap", async () => {
    const now = Date.now();
    const ids = await seedSessionsFrom(now - 20 * DAY_MS, "sched-overlap", 30);

    const reports = await Promise.all([runScheduledWork(env, now), runScheduledWork(env, now), runScheduledWork(env, now)]);

    for (const r of reports) expect(r.failedSteps).toEqual([]);
    const erased = reports.reduce((n, r) => n + (r.erasuresFinished ?? 0) + (r.retentionErased ?? 0), 0);
    expect(erased).toBe(30);
    for (const id of ids) expect(await storedFor(id)).toEqual(ERASED);
    // And each erasure's completion is in the audit log once.
    const completions = await env.DB.prepare("SELECT session_id FROM audit_log WHERE action = 4 AND session_id IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(ids))
      .all<{ session_id: string }>();
    expect(completions.results.map((r) => r.session_id).sort()).toEqual([...ids].sort());
  }, 120_000);

  it("prunes audit entries older than the audit log keeps them, and no others", async () => {
    const now = Date.now();
    const sessionId = newSessionId();
    await recordAudit(database(env.DB), [
      { action: "session_viewed", actorType: "admin", actor: "old-admin", sessionId, at: now - AUDIT_KEEP_MS - MINUTE_MS },
      { action: "session_viewed", actorType: "admin", actor: "recent-admin", sessionId, at: now - AUDIT_KEEP_MS + DAY_MS },
    ]);
    const report = await runScheduledWork(env, now);
    expect(report.auditPruned).toBe(1);
    const left = await env.DB.prepare("SELECT actor FROM audit_log WHERE session_id = ?").bind(sessionId).all();
    expect(left.results).toEqual([{ actor: "recent-admin" }]);
  });
});
