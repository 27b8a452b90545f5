import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { chunks, erasedSessions, sessionInsights, sessionKeys, sessions, shareLinks } from "./schema";
import { boundValue } from "./bound-value";
import { inJsonList } from "./json-list";
import { insertCompletionIfSessionExists } from "./audit-queries";
import { forgetHeatmapSample } from "./heatmap-queries";

/** Which sessions an erasure step covers: a condition on `sessions`, made by the functions below. */
export type SessionScope = SQL;

/** One session. */
export function oneSession(sessionId: string): SessionScope {
  return eq(sessions.id, sessionId);
}

/** A user's sessions that existed at `asOf`: a request covers what was recorded before it, not later sessions. */
export function userSessionsAsOf(userId: string, asOf: number): SessionScope {
  return sql`(${eq(sessions.userId, userId)} AND ${lte(sessions.createdAt, asOf)})`;
}

/**
 * Up to `limit` sessions past retention by the server's clock: whose last chunk was received
 * before `receivedBefore` (never the page's event times, which a client sets: a page clock a month
 * behind got its session erased seconds after upload, issue 9), or claimed before `emptyBefore`
 * and never given a chunk. Longest-idle first.
 */
export function expiredSessions(db: Database, receivedBefore: number, emptyBefore: number, limit: number): SessionScope {
  const expired = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(isNull(sessions.erasedAt), or(lt(sessions.lastChunkAt, receivedBefore), and(isNull(sessions.lastChunkAt), lt(sessions.createdAt, emptyBefore)))))
    .orderBy(asc(sessions.lastChunkAt))
    .limit(limit);
  return inArray(sessions.id, expired);
}

/**
 * Step 1 of erasure: delete the data keys of the sessions in `scope` (crypto-shredding: their
 * chunks are unreadable from here on, wherever copies are), tombstone their ids so late chunks
 * are refused, and hide them. One D1 batch; returns how many sessions it newly marked.
 */
export async function shredSessions(db: Database, scope: SessionScope, now: number): Promise<number> {
  const [, , marked] = await db.batch([
    db.delete(sessionKeys).where(inArray(sessionKeys.sessionId, db.select({ id: sessions.id }).from(sessions).where(scope))),
    db
      .insert(erasedSessions)
      .select((qb) =>
        qb
          .select({ sessionId: sessions.id, erasedAt: boundValue(now, "erased_at") })
          .from(sessions)
          .where(scope),
      )
      .onConflictDoNothing(),
    db
      .update(sessions)
      .set({ erasedAt: now })
      .where(and(isNull(sessions.erasedAt), scope)),
  ]);
  return marked.meta.changes ?? 0;
}

/** Ids of up to `limit` sessions in `scope` (shredded or not). */
export async function listSessionIds(db: Database, scope: SessionScope, limit: number): Promise<string[]> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(scope).limit(limit);
  return rows.map((r) => r.id);
}

/** How many sessions in `scope` still have a row. */
export function countSessions(db: Database, scope: SessionScope): Promise<number> {
  return db.$count(sessions, scope);
}

/** A shredded session whose objects and rows are still to go. */
export type ErasingSession = Pick<typeof sessions.$inferSelect, "id" | "storageKey">;

/** Up to `limit` shredded sessions (of `only`, if given), longest-erasing first. */
export function listErasingSessions(db: Database, limit: number, only?: string[]): Promise<ErasingSession[]> {
  return db
    .select({ id: sessions.id, storageKey: sessions.storageKey })
    .from(sessions)
    .where(and(isNotNull(sessions.erasedAt), only?.length ? inJsonList(sessions.id, only) : undefined))
    .orderBy(asc(sessions.erasedAt))
    .limit(limit);
}

/**
 * Step 2's last part, once a session's objects are gone: its chunk, insight, key, share and session rows,
 * and the audit log's `deletion_completed` entry, in one batch (a transaction). Returns whether
 * this call deleted the session row: when runs overlap, only one of them did, and only that one
 * counts the session as erased and records its completion.
 */
export async function deleteSessionRows(db: Database, sessionId: string, now: number): Promise<boolean> {
  const [, , , , , , session] = await db.batch([
    insertCompletionIfSessionExists(db, sessionId, now),
    db.delete(chunks).where(eq(chunks.sessionId, sessionId)),
    db.delete(sessionInsights).where(eq(sessionInsights.sessionId, sessionId)),
    forgetHeatmapSample(db, sessionId),
    db.delete(sessionKeys).where(eq(sessionKeys.sessionId, sessionId)),
    // Its share links open nothing since the shred (they need a session not being erased); now they go.
    db.delete(shareLinks).where(eq(shareLinks.sessionId, sessionId)),
    db.delete(sessions).where(eq(sessions.id, sessionId)),
  ]);
  return (session.meta.changes ?? 0) > 0;
}

/** How many sessions are shredded but not yet fully gone. */
export function countErasingSessions(db: Database): Promise<number> {
  return db.$count(sessions, isNotNull(sessions.erasedAt));
}

/** Forgets tombstones older than `before`: by then no late chunk of those sessions can arrive. Returns how many. */
export async function pruneTombstones(db: Database, before: number): Promise<number> {
  const result = await db.delete(erasedSessions).where(lt(erasedSessions.erasedAt, before));
  return result.meta.changes ?? 0;
}
