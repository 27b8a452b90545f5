import type { Database } from "../db/client";
import { dropChunksBefore, findWindowAnchor } from "../db/session-queries";
import { deleteObjects } from "../storage/chunk-objects";

/**
 * Keeps only the last `windowMs` of a session: finds the newest chunk that starts with a full
 * snapshot at or before (latest end − window) and drops every chunk before it, rows first, then
 * objects (an object left by a failure is an orphan the cron reaps). What is kept therefore always
 * replays from a full snapshot and spans at most the window plus one checkout interval. The
 * session's started_at stays its real start (it also keeps admin list pagination stable).
 */
export async function trimToWindow(env: Env, db: Database, sessionId: string, windowMs: number): Promise<number> {
  const anchor = await findWindowAnchor(db, sessionId, windowMs);
  if (anchor === null) return 0;
  const dropped = await dropChunksBefore(db, sessionId, anchor);
  await deleteObjects(env.CHUNKS, dropped);
  return dropped.length;
}
