import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { runBatch } from "../db/batch";
import { sessionTotals } from "../db/ingest-queries";
import { deleteObject } from "../storage/chunk-objects";

/**
 * Keeps only the last `windowMs` of a session: finds the newest chunk that starts with a full
 * snapshot at or before (latest end − window) and drops every chunk before it, rows first, then
 * objects (an object left by a failure is an orphan the cron reaps). What is kept therefore always
 * replays from a full snapshot and spans at most the window plus one checkout interval. The
 * session's started_at stays its real start (it also keeps admin list pagination stable).
 */
export async function trimToWindow(env: Env, db: Database, sessionId: string, windowMs: number): Promise<number> {
  const anchor = await db.get<{ seq: number | null; kept: number }>(sql`
    SELECT (SELECT MAX(c.seq) FROM chunks c
             WHERE c.session_id = s.id AND c.has_full_snapshot = 1 AND c.seq > s.kept_from_seq
               AND c.started_at <= (SELECT MAX(ended_at) FROM chunks WHERE session_id = s.id) - ${windowMs}) AS seq,
           s.kept_from_seq AS kept
    FROM sessions s WHERE s.id = ${sessionId}`);
  if (!anchor || anchor.seq === null) return 0;
  const doomed = await db.all<{ storage_key: string }>(sql`SELECT storage_key FROM chunks WHERE session_id = ${sessionId} AND seq < ${anchor.seq}`);
  await runBatch(db, [
    sql`DELETE FROM chunks WHERE session_id = ${sessionId} AND seq < ${anchor.seq}`,
    sql`UPDATE sessions SET kept_from_seq = MAX(kept_from_seq, ${anchor.seq}), ${sessionTotals(sessionId)} WHERE id = ${sessionId}`,
  ]);
  for (const { storage_key } of doomed) await deleteObject(env.CHUNKS, storage_key);
  return doomed.length;
}
