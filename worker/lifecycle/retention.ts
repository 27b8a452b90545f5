import type { Database } from "../db/client";
import { expiredSessions, shredSessions } from "../db/erasure-queries";
import { addMetrics } from "../db/metrics-queries";
import { finishErasures, ERASE_BATCH_SESSIONS } from "./erase";
import { DAY_MS } from "../time-units";

/** A session claimed but never given a chunk is dropped after this long. */
const EMPTY_SESSION_GRACE_MS = DAY_MS;

/**
 * Erases sessions whose last chunk was received more than `retentionDays` ago (the server's clock,
 * contract §7), a bounded batch per call: shred and hide them, then delete objects and rows.
 * Sessions already marked by an earlier, interrupted run are finished first, so a run cut off
 * half-way is completed by the next. Returns sessions erased.
 */
export async function runRetention(env: Env, db: Database, retentionDays: number, now: number, batch = ERASE_BATCH_SESSIONS): Promise<number> {
  await shredSessions(db, expiredSessions(db, now - retentionDays * DAY_MS, now - EMPTY_SESSION_GRACE_MS, batch), now);
  const erased = await finishErasures(env, db, batch);
  await addMetrics(db, now, [{ name: "retention_erased", value: erased }]);
  return erased;
}
