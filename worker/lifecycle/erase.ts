import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { runBatch } from "../db/batch";
import { deleteSessionObjects } from "../storage/chunk-objects";

/** Most sessions one erasure pass finishes; the rest wait for the next call or cron run. */
export const ERASE_BATCH_SESSIONS = 25;

/**
 * Step 1 of erasure, for sessions picked by `where`: delete their data keys (crypto-shredding:
 * their chunks are unreadable from here on, wherever copies are), tombstone their ids so late
 * chunks are refused, and hide them. One D1 batch; returns how many sessions it marked.
 */
export async function shredSessions(db: Database, where: SQL, now: number): Promise<number> {
  const [, , marked] = await runBatch(db, [
    sql`DELETE FROM session_keys WHERE session_id IN (SELECT id FROM sessions WHERE ${where})`,
    sql`INSERT INTO erased_sessions (session_id, erased_at) SELECT id, ${now} FROM sessions WHERE ${where} ON CONFLICT (session_id) DO NOTHING`,
    sql`UPDATE sessions SET erased_at = ${now} WHERE erased_at IS NULL AND (${where})`,
  ]);
  return marked.meta.changes ?? 0;
}

/**
 * Step 2: for shredded sessions, delete their R2 objects, then their rows. Bounded; resumable
 * (a session whose objects are not all gone keeps its row and is picked up next time).
 * Returns how many sessions are now fully gone.
 */
export async function finishErasures(env: Env, db: Database, maxSessions = ERASE_BATCH_SESSIONS, only?: string[]): Promise<number> {
  const filter = only?.length ? sql`AND id IN ${only}` : sql``;
  const pending = await db.all<{ id: string }>(sql`SELECT id FROM sessions WHERE erased_at IS NOT NULL ${filter} ORDER BY erased_at LIMIT ${maxSessions}`);
  let done = 0;
  for (const { id } of pending) {
    if (!(await deleteSessionObjects(env.CHUNKS, id))) continue;
    await runBatch(db, [sql`DELETE FROM chunks WHERE session_id = ${id}`, sql`DELETE FROM session_keys WHERE session_id = ${id}`, sql`DELETE FROM sessions WHERE id = ${id}`]);
    done++;
  }
  return done;
}
