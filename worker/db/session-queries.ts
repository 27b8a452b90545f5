import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
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

/** What every list of a session's chunks says of each: which one, the time it spans, its size, whether it opens with a snapshot. */
const CHUNK_SPAN = { seq: chunks.seq, startedAt: chunks.startedAt, endedAt: chunks.endedAt, bytes: chunks.bytes, hasFullSnapshot: chunks.hasFullSnapshot };

/** A session's kept chunks in seq order: their span (see CHUNK_SPAN) and the `extra` columns. */
export function selectSessionChunks<E extends Record<string, SQLiteColumn>>(db: Database, sessionId: string, extra: E) {
  return db
    .select({ ...CHUNK_SPAN, ...extra })
    .from(chunks)
    .where(eq(chunks.sessionId, sessionId))
    .orderBy(asc(chunks.seq));
}

/** A session's window start and the chunks it keeps, for planning a trim (ingest/plan-trim.ts). */
export async function readKeptChunks(db: Database, sessionId: string) {
  const [session, kept] = await db.batch([
    db.select({ keptFromSeq: sessions.keptFromSeq }).from(sessions).where(eq(sessions.id, sessionId)),
    selectSessionChunks(db, sessionId, { receivedAt: chunks.createdAt }),
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
