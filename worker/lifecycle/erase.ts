import type { Database } from "../db/client";
import { deleteSessionRows, listErasingSessions } from "../db/erasure-queries";
import { deleteSessionObjects } from "../storage/chunk-objects";
import { eraseSessionObject } from "../session/session-stub";
import { log } from "../log";

/** Most sessions one erasure pass finishes; the rest wait for the next call or cron run. */
export const ERASE_BATCH_SESSIONS = 25;

/**
 * Step 2 of erasure (step 1 is db/erasure-queries' shredSessions): for shredded sessions, delete
 * their R2 objects under the prefix their row records, then their rows. Bounded and resumable: a
 * session whose objects are not all gone keeps its row and is picked up next time.
 * Returns how many sessions this call erased (a session an overlapping run removed first is not
 * counted again).
 */
export async function finishErasures(env: Env, db: Database, maxSessions = ERASE_BATCH_SESSIONS, only?: string[]): Promise<number> {
  let done = 0;
  for (const session of await listErasingSessions(db, maxSessions, only)) {
    // Its Durable Object first (viewers told, its storage gone); if that fails, the row stays for a retry.
    if (!(await eraseSessionObject(env, session.id))) continue;
    const cleared = await deleteSessionObjects(env.CHUNKS, session.id, session.storageKey);
    if (cleared === "foreign_prefix") {
      // Never delete outside the session's own prefix; the row stays for an operator to look at.
      log.error("erasing session has a storage key outside its prefix", { sessionId: session.id });
      continue;
    }
    if (cleared === "more_left") continue;
    // Recorded at the moment its rows go (the real clock, not the run's scheduled time).
    if (await deleteSessionRows(db, session.id, Date.now())) done++;
  }
  return done;
}
