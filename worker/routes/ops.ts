import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { AppEnv } from "../context";
import { requireAdmin } from "../auth/require-identity";
import { requireJsonBody } from "../http/require-json-body";
import { database } from "../db/client";
import { masterKeyId } from "../crypto/session-key";
import { runScheduledWork } from "../lifecycle/scheduled";
import { log } from "../log";

/** Operator endpoints behind the admin check: run the cron's work now, see lifecycle status. */
export const opsRoutes = new Hono<AppEnv>();
opsRoutes.use("*", requireAdmin(), requireJsonBody());

opsRoutes.post("/run-scheduled", async (c) => {
  log.info("scheduled work run by an admin", { via: c.get("identity").via });
  return c.json({ ok: true, report: await runScheduledWork(c.env, Date.now()) });
});

opsRoutes.get("/status", async (c) => {
  const db = database(c.env.DB);
  const current = await masterKeyId(c.get("config").masterKeys.current);
  const [pending, erasing, stale, sessions] = await Promise.all([
    db.all<{ id: string; user_id: string | null; session_id: string | null; requested_at: number; source: string }>(
      sql`SELECT id, user_id, session_id, requested_at, source FROM deletion_requests WHERE completed_at IS NULL ORDER BY requested_at LIMIT 100`,
    ),
    db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE erased_at IS NOT NULL`),
    db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM session_keys WHERE master_key_id != ${current}`),
    db.get<{ n: number; bytes: number }>(sql`SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM sessions WHERE erased_at IS NULL`),
  ]);
  return c.json(
    {
      pendingDeletionRequests: pending.map((r) => ({ id: r.id, userId: r.user_id, sessionId: r.session_id, requestedAt: r.requested_at, source: r.source })),
      sessionsBeingErased: erasing?.n ?? 0,
      keysAwaitingRewrap: stale?.n ?? 0,
      currentMasterKeyId: current,
      storedSessions: sessions?.n ?? 0,
      storedBytes: sessions?.bytes ?? 0,
    },
    200,
    { "Cache-Control": "no-store" },
  );
});
