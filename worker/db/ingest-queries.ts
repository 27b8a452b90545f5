import { and, eq, exists, gte, isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { chunks, erasedSessions, sessionKeys, sessions } from "./schema";
import { sessionTotals } from "./session-queries";
import { boundValue } from "./bound-value";

/** What ingest needs to know about a session before it writes anything. */
export interface SessionState {
  erased: boolean;
  ownerId: string | null;
  keptFromSeq: number;
  chunkExists: boolean;
  key: StoredKey | null;
}

/** A session's wrapped data key as D1 stores it. */
export type StoredKey = Pick<typeof sessionKeys.$inferSelect, "wrappedKey" | "masterKeyId">;

const storedKey = { wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId };

/** Reads tombstone, owner, window position, the chunk's presence and the data key in one round trip. */
export async function readSessionState(db: Database, sessionId: string, seq: number): Promise<SessionState> {
  const [tomb, session, chunk, key] = await db.batch([
    db.select({ id: erasedSessions.sessionId }).from(erasedSessions).where(eq(erasedSessions.sessionId, sessionId)),
    db.select({ userId: sessions.userId, keptFromSeq: sessions.keptFromSeq, erasedAt: sessions.erasedAt }).from(sessions).where(eq(sessions.id, sessionId)),
    db
      .select({ seq: chunks.seq })
      .from(chunks)
      .where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq))),
    db.select(storedKey).from(sessionKeys).where(eq(sessionKeys.sessionId, sessionId)),
  ]);
  return {
    erased: tomb.length > 0 || (session[0]?.erasedAt ?? null) !== null,
    ownerId: session[0]?.userId ?? null,
    keptFromSeq: session[0]?.keptFromSeq ?? 0,
    chunkExists: chunk.length > 0,
    key: key[0] ?? null,
  };
}

/** The session's row while it is `userId`'s and not erased: the condition every ingest write checks. */
function ownedLive(sessionId: string, userId: string) {
  return and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.erasedAt));
}

/**
 * Claims a new session for a user together with its wrapped data key, in one D1 batch. When
 * another request won the race, nothing of ours is written; the returned owner and key are
 * whatever is stored.
 */
export async function claimSession(
  db: Database,
  input: { sessionId: string; userId: string; storageKey: string; wrappedKey: string; masterKeyId: string; now: number },
): Promise<{ ownerId: string | null; key: StoredKey | null }> {
  const [, , owner, key] = await db.batch([
    db.insert(sessions).values({ id: input.sessionId, userId: input.userId, storageKey: input.storageKey, createdAt: input.now }).onConflictDoNothing(),
    // The key is written only beside a session this user owns and that is not being erased.
    db
      .insert(sessionKeys)
      .select((qb) =>
        qb
          .select({
            sessionId: sessions.id,
            wrappedKey: boundValue(input.wrappedKey, "wrapped_key"),
            masterKeyId: boundValue(input.masterKeyId, "master_key_id"),
            createdAt: boundValue(input.now, "created_at"),
          })
          .from(sessions)
          .where(ownedLive(input.sessionId, input.userId)),
      )
      .onConflictDoNothing(),
    db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, input.sessionId)),
    db.select(storedKey).from(sessionKeys).where(eq(sessionKeys.sessionId, input.sessionId)),
  ]);
  return { ownerId: owner[0]?.userId ?? null, key: key[0] ?? null };
}

/** A chunk row to index after its object is in R2. */
export type ChunkRow = Omit<typeof chunks.$inferInsert, "createdAt">;

/**
 * Indexes a chunk and recomputes the session's aggregates from its chunks, in one D1 batch.
 * The insert only happens while the session is this user's, not erased, still has its key and
 * has not moved its window past this seq, so a chunk racing an erasure cannot recreate it.
 * Aggregates are derived, so a retry adds nothing. Returns whether this call inserted the row.
 */
export async function indexChunk(
  db: Database,
  userId: string,
  row: ChunkRow,
  extra: { meta: string | null; lastUrl: string | null; now: number; device?: number | null },
): Promise<boolean> {
  const s = row.sessionId;
  const [inserted] = await db.batch([
    db
      .insert(chunks)
      .select((qb) =>
        qb
          .select({
            sessionId: sessions.id,
            seq: boundValue(row.seq, "seq"),
            startedAt: boundValue(row.startedAt, "started_at"),
            endedAt: boundValue(row.endedAt, "ended_at"),
            bytes: boundValue(row.bytes, "bytes"),
            rawBytes: boundValue(row.rawBytes, "raw_bytes"),
            eventCount: boundValue(row.eventCount, "event_count"),
            hasFullSnapshot: boundValue(row.hasFullSnapshot ? 1 : 0, "has_full_snapshot"),
            storageKey: boundValue(row.storageKey, "storage_key"),
            createdAt: boundValue(extra.now, "created_at"),
          })
          .from(sessions)
          .where(
            and(
              ownedLive(s, userId),
              exists(qb.select({ one: sql`1` }).from(sessionKeys).where(eq(sessionKeys.sessionId, s))),
              gte(sql`${row.seq}`, sessions.keptFromSeq),
            ),
          ),
      )
      .onConflictDoNothing(),
    db
      .update(sessions)
      .set({
        ...sessionTotals(s),
        // The session's real start: lowered by an earlier chunk, never raised when the window drops old ones.
        startedAt: sql`MIN(COALESCE(${sessions.startedAt}, ${row.startedAt}), ${row.startedAt})`,
        endedAt: sql`(SELECT MAX(${chunks.endedAt}) FROM ${chunks} WHERE ${eq(chunks.sessionId, s)})`,
        meta: sql`CASE WHEN ${sessions.meta} = '{}' AND ${extra.meta} IS NOT NULL THEN ${extra.meta} ELSE ${sessions.meta} END`,
        // Classified from the same chunk whose meta is kept, so the two always agree.
        device: sql`CASE WHEN ${sessions.meta} = '{}' AND ${extra.meta} IS NOT NULL THEN ${extra.device ?? 0} ELSE ${sessions.device} END`,
        lastUrl: sql`COALESCE(${extra.lastUrl}, ${sessions.lastUrl})`,
        lastChunkAt: extra.now,
      })
      .where(ownedLive(s, userId)),
  ]);
  return (inserted.meta.changes ?? 0) > 0;
}

/** Whether a chunk row exists (used to tell a lost race from a concurrent erasure). */
export async function chunkExists(db: Database, sessionId: string, seq: number): Promise<boolean> {
  const rows = await db
    .select({ seq: chunks.seq })
    .from(chunks)
    .where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq)));
  return rows.length > 0;
}
