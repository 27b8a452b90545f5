import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { addMetrics } from "../db/metrics-queries";
import { finishErasures, shredSessions, ERASE_BATCH_SESSIONS } from "./erase";

const DAY_MS = 86_400_000;
/** A session claimed but never given a chunk is dropped after this long. */
const EMPTY_SESSION_GRACE_MS = DAY_MS;

/**
 * Erases sessions that ended more than `retentionDays` ago, a bounded batch per call: shred and
 * hide them, then delete objects and rows. Sessions already marked by an earlier, interrupted run
 * are finished first, so a run cut off half-way is completed by the next. Returns sessions erased.
 */
export async function runRetention(env: Env, db: Database, retentionDays: number, now: number, batch = ERASE_BATCH_SESSIONS): Promise<number> {
  const cutoff = now - retentionDays * DAY_MS;
  const expired = sql`id IN (SELECT id FROM sessions WHERE erased_at IS NULL AND (
      (ended_at IS NOT NULL AND ended_at < ${cutoff}) OR (chunk_count = 0 AND created_at < ${now - EMPTY_SESSION_GRACE_MS}))
    ORDER BY ended_at LIMIT ${batch})`;
  await shredSessions(db, expired, now);
  const erased = await finishErasures(env, db, batch);
  await addMetrics(db, now, [{ name: "retention_erased", value: erased }]);
  return erased;
}
