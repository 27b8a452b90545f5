import { and, asc, eq, lt, sql } from "drizzle-orm";
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

/** A session's window start and the chunks it keeps, for planning a trim (ingest/plan-trim.ts). */
export async function readKeptChunks(db: Database, sessionId: string) {
  const [session, kept] = await db.batch([
    db.select({ keptFromSeq: sessions.keptFromSeq }).from(sessions).where(eq(sessions.id, sessionId)),
    db
      .select({
        seq: chunks.seq,
        startedAt: chunks.startedAt,
        endedAt: chunks.endedAt,
        receivedAt: chunks.createdAt,
        bytes: chunks.bytes,
        hasFullSnapshot: chunks.hasFullSnapshot,
      })
      .from(chunks)
      .where(eq(chunks.sessionId, sessionId))
      .orderBy(asc(chunks.seq)),
  ]);
  return { keptFromSeq: session[0]?.keptFromSeq ?? 0, chunks: kept };
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
