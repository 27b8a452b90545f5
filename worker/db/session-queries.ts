import { and, eq, gt, lt, lte, max, sql } from "drizzle-orm";
import type { Database } from "./client";
import { chunks, sessions } from "./schema";

/**
 * SET fields that recompute a session's totals from the chunks it keeps, so retries and trims
 * never drift: the totals are derived, never added to.
 */
export function sessionTotals(sessionId: string) {
  const ofSession = eq(chunks.sessionId, sessionId);
  return {
    bytes: sql`(SELECT COALESCE(SUM(${chunks.bytes}), 0) FROM ${chunks} WHERE ${ofSession})`,
    chunkCount: sql`(SELECT COUNT(*) FROM ${chunks} WHERE ${ofSession})`,
    eventCount: sql`(SELECT COALESCE(SUM(${chunks.eventCount}), 0) FROM ${chunks} WHERE ${ofSession})`,
  };
}

/**
 * The window's anchor: the newest kept chunk that starts with a full snapshot at or before
 * (latest end − `windowMs`). Everything before it may go. Null when there is none (yet).
 */
export async function findWindowAnchor(db: Database, sessionId: string, windowMs: number): Promise<number | null> {
  const keptFrom = db.select({ seq: sessions.keptFromSeq }).from(sessions).where(eq(sessions.id, sessionId));
  const latestEnd = db.select({ endedAt: max(chunks.endedAt) }).from(chunks).where(eq(chunks.sessionId, sessionId));
  const [anchor] = await db
    .select({ seq: max(chunks.seq) })
    .from(chunks)
    .where(
      and(
        eq(chunks.sessionId, sessionId),
        eq(chunks.hasFullSnapshot, true),
        gt(chunks.seq, keptFrom),
        lte(chunks.startedAt, sql`${latestEnd} - ${windowMs}`),
      ),
    );
  return anchor?.seq ?? null;
}

/**
 * Drops a session's chunk rows before `seq` and moves its window start there, recomputing its
 * totals, in one D1 batch. Returns the storage keys of the dropped chunks, for R2.
 */
export async function dropChunksBefore(db: Database, sessionId: string, seq: number): Promise<string[]> {
  const before = and(eq(chunks.sessionId, sessionId), lt(chunks.seq, seq));
  const doomed = await db.select({ storageKey: chunks.storageKey }).from(chunks).where(before);
  await db.batch([
    db.delete(chunks).where(before),
    db
      .update(sessions)
      .set({ keptFromSeq: sql`MAX(${sessions.keptFromSeq}, ${seq})`, ...sessionTotals(sessionId) })
      .where(eq(sessions.id, sessionId)),
  ]);
  return doomed.map((c) => c.storageKey);
}
