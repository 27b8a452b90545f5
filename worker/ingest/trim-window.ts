import type { Database } from "../db/client";
import { dropChunksBefore, readKeptChunks } from "../db/session-queries";
import { log } from "../log";
import { deleteObjects } from "../storage/chunk-objects";
import { planTrim } from "./plan-trim";

/**
 * Keeps only the last `windowMs` of a session, bounded by the server's clock at `now` and by the
 * session caps (rules in plan-trim.ts), always starting at a full snapshot: drops the chunks before
 * the planned start, rows first, then objects (an object left by a failure is an orphan the cron
 * reaps). The session's started_at stays its real start (it also keeps admin list pagination
 * stable). Returns how many chunks were dropped.
 */
export async function trimToWindow(env: Env, db: Database, sessionId: string, limits: { windowMs: number; now: number }): Promise<number> {
  const { keptFromSeq, chunks } = await readKeptChunks(db, sessionId);
  const plan = planTrim(chunks, keptFromSeq, limits);
  if (plan === null) return 0;
  const dropped = await dropChunksBefore(db, sessionId, plan.keepFromSeq);
  await deleteObjects(env.CHUNKS, dropped);
  // The page's window is the normal case; the others mean a client without checkouts, or a huge session.
  if (plan.reasons.some((r) => r !== "window")) log.info("session trimmed", { sessionId, dropped: dropped.length, reasons: plan.reasons.join(",") });
  return dropped.length;
}
