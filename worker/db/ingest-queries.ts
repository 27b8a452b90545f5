import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { chunks, erasedSessions, sessionKeys, sessions } from "./schema";
import { runBatch } from "./batch";

/** What ingest needs to know about a session before it writes anything. */
export interface SessionState {
  erased: boolean;
  ownerId: string | null;
  keptFromSeq: number;
  chunkExists: boolean;
  key: { wrappedKey: string; masterKeyId: string } | null;
}

/** Reads tombstone, owner, window position, the chunk's presence and the data key in one round trip. */
export async function readSessionState(db: Database, sessionId: string, seq: number): Promise<SessionState> {
  const [tomb, session, chunk, key] = await db.batch([
    db.select({ id: erasedSessions.sessionId }).from(erasedSessions).where(eq(erasedSessions.sessionId, sessionId)),
    db.select({ userId: sessions.userId, keptFromSeq: sessions.keptFromSeq, erasedAt: sessions.erasedAt }).from(sessions).where(eq(sessions.id, sessionId)),
    db.select({ seq: chunks.seq }).from(chunks).where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq))),
    db.select({ wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId }).from(sessionKeys).where(eq(sessionKeys.sessionId, sessionId)),
  ]);
  return {
    erased: tomb.length > 0 || (session[0]?.erasedAt ?? null) !== null,
    ownerId: session[0]?.userId ?? null,
    keptFromSeq: session[0]?.keptFromSeq ?? 0,
    chunkExists: chunk.length > 0,
    key: key[0] ? { wrappedKey: key[0].wrappedKey, masterKeyId: key[0].masterKeyId } : null,
  };
}

/**
 * Claims a new session for a user together with its wrapped data key. When another request won
 * the race, nothing of ours is written; the returned owner and key are whatever is stored.
 */
export async function claimSession(
  db: Database,
  input: { sessionId: string; userId: string; storageKey: string; wrappedKey: string; masterKeyId: string; now: number },
) {
  const [, , owner, key] = await runBatch(db, [
    sql`INSERT INTO sessions (id, user_id, storage_key, created_at) VALUES (${input.sessionId}, ${input.userId}, ${input.storageKey}, ${input.now})
      ON CONFLICT (id) DO NOTHING`,
    sql`INSERT INTO session_keys (session_id, wrapped_key, master_key_id, created_at)
      SELECT ${input.sessionId}, ${input.wrappedKey}, ${input.masterKeyId}, ${input.now}
      WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ${input.sessionId} AND user_id = ${input.userId} AND erased_at IS NULL)
      ON CONFLICT (session_id) DO NOTHING`,
    sql`SELECT user_id FROM sessions WHERE id = ${input.sessionId}`,
    sql`SELECT wrapped_key, master_key_id FROM session_keys WHERE session_id = ${input.sessionId}`,
  ]);
  const ownerRow = owner.results[0] as { user_id: string } | undefined;
  const keyRow = key.results[0] as { wrapped_key: string; master_key_id: string } | undefined;
  return {
    ownerId: ownerRow?.user_id ?? null,
    key: keyRow ? { wrappedKey: keyRow.wrapped_key, masterKeyId: keyRow.master_key_id } : null,
  };
}

/** SET clause that recomputes a session's totals from the chunks it keeps (so retries and trims never drift). */
export function sessionTotals(sessionId: string) {
  return sql`bytes = (SELECT COALESCE(SUM(bytes), 0) FROM chunks WHERE session_id = ${sessionId}),
        chunk_count = (SELECT COUNT(*) FROM chunks WHERE session_id = ${sessionId}),
        event_count = (SELECT COALESCE(SUM(event_count), 0) FROM chunks WHERE session_id = ${sessionId})`;
}

/** A chunk row to index after its object is in R2. */
export interface ChunkRow {
  sessionId: string;
  seq: number;
  startedAt: number;
  endedAt: number;
  bytes: number;
  rawBytes: number;
  eventCount: number;
  hasFullSnapshot: boolean;
  storageKey: string;
}

/**
 * Indexes a chunk and recomputes the session's aggregates from its chunks, in one D1 batch.
 * The insert only happens while the session is this user's, not erased, and still has its key,
 * so a chunk racing an erasure cannot recreate it. Aggregates are derived, so a retry adds nothing.
 * Returns whether this call inserted the row.
 */
export async function indexChunk(
  db: Database,
  userId: string,
  row: ChunkRow,
  extra: { meta: string | null; lastUrl: string | null; now: number },
): Promise<boolean> {
  const s = row.sessionId;
  const [inserted] = await runBatch(db, [
    sql`INSERT INTO chunks (session_id, seq, started_at, ended_at, bytes, raw_bytes, event_count, has_full_snapshot, storage_key, created_at)
      SELECT ${s}, ${row.seq}, ${row.startedAt}, ${row.endedAt}, ${row.bytes}, ${row.rawBytes}, ${row.eventCount}, ${row.hasFullSnapshot ? 1 : 0}, ${row.storageKey}, ${extra.now}
      WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ${s} AND user_id = ${userId} AND erased_at IS NULL)
        AND EXISTS (SELECT 1 FROM session_keys WHERE session_id = ${s})
        AND ${row.seq} >= (SELECT kept_from_seq FROM sessions WHERE id = ${s})
      ON CONFLICT (session_id, seq) DO NOTHING`,
    sql`UPDATE sessions SET
        ${sessionTotals(s)},
        -- The session's real start: lowered by an earlier chunk, never raised when the window drops old ones.
        started_at = MIN(COALESCE(started_at, ${row.startedAt}), ${row.startedAt}),
        ended_at = (SELECT MAX(ended_at) FROM chunks WHERE session_id = ${s}),
        meta = CASE WHEN meta = '{}' AND ${extra.meta} IS NOT NULL THEN ${extra.meta} ELSE meta END,
        last_url = COALESCE(${extra.lastUrl}, last_url),
        last_chunk_at = ${extra.now}
      WHERE id = ${s} AND user_id = ${userId} AND erased_at IS NULL`,
  ]);
  return (inserted.meta.changes ?? 0) > 0;
}

/** Whether a chunk row exists (used to tell a lost race from a concurrent erasure). */
export async function chunkExists(db: Database, sessionId: string, seq: number): Promise<boolean> {
  const rows = await db.select({ seq: chunks.seq }).from(chunks).where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq)));
  return rows.length > 0;
}
