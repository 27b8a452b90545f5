import { sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";

/** A session as the admin API shows it. */
export interface SessionSummary {
  id: string;
  userId: string;
  startedAt: number | null;
  endedAt: number | null;
  bytes: number;
  eventCount: number;
  chunkCount: number;
  meta: Record<string, unknown>;
  lastUrl: string | null;
  lastChunkAt: number | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  started_at: number | null;
  ended_at: number | null;
  bytes: number;
  event_count: number;
  chunk_count: number;
  meta: string;
  last_url: string | null;
  last_chunk_at: number | null;
}

function toSummary(r: SessionRow): SessionSummary {
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(r.meta);
  } catch {
    // A row written by an older version: show no meta rather than fail the page.
  }
  return { id: r.id, userId: r.user_id, startedAt: r.started_at, endedAt: r.ended_at, bytes: r.bytes, eventCount: r.event_count, chunkCount: r.chunk_count, meta, lastUrl: r.last_url, lastChunkAt: r.last_chunk_at };
}

/** Position after the last listed session: sessions are ordered by (started_at, id) descending. */
export interface Cursor {
  startedAt: number;
  id: string;
}

/**
 * Lists visible sessions (not erased, at least one chunk), newest first. Keyset pagination on
 * (started_at, id) never repeats or skips a row, even while new sessions arrive.
 * `from`/`to` keep sessions that overlap the range.
 */
export async function listSessions(db: Database, q: { userId?: string; from?: number; to?: number; limit: number; after?: Cursor }) {
  const where: SQL[] = [sql`erased_at IS NULL`, sql`chunk_count > 0`];
  if (q.userId !== undefined) where.push(sql`user_id = ${q.userId}`);
  if (q.from !== undefined) where.push(sql`ended_at >= ${q.from}`);
  if (q.to !== undefined) where.push(sql`started_at <= ${q.to}`);
  if (q.after) where.push(sql`(started_at < ${q.after.startedAt} OR (started_at = ${q.after.startedAt} AND id < ${q.after.id}))`);
  const rows = await db.all<SessionRow>(sql`SELECT id, user_id, started_at, ended_at, bytes, event_count, chunk_count, meta, last_url, last_chunk_at
    FROM sessions WHERE ${sql.join(where, sql` AND `)} ORDER BY started_at DESC, id DESC LIMIT ${q.limit + 1}`);
  const page = rows.slice(0, q.limit).map(toSummary);
  const last = page[page.length - 1];
  const next: Cursor | null = rows.length > q.limit && last && last.startedAt !== null ? { startedAt: last.startedAt, id: last.id } : null;
  return { sessions: page, next };
}

/** One visible session, or null. */
export async function getSession(db: Database, id: string): Promise<SessionSummary | null> {
  const row = await db.get<SessionRow>(sql`SELECT id, user_id, started_at, ended_at, bytes, event_count, chunk_count, meta, last_url, last_chunk_at
    FROM sessions WHERE id = ${id} AND erased_at IS NULL AND chunk_count > 0`);
  return row ? toSummary(row) : null;
}

/** A session's kept chunks in seq order. */
export async function listChunks(db: Database, sessionId: string) {
  return db.all<{ seq: number; started_at: number; ended_at: number; bytes: number; event_count: number; has_full_snapshot: number }>(
    sql`SELECT seq, started_at, ended_at, bytes, event_count, has_full_snapshot FROM chunks WHERE session_id = ${sessionId} ORDER BY seq`,
  );
}

/** The stored key of one chunk and the session's wrapped data key, for a signed read. */
export async function getChunkForRead(db: Database, sessionId: string, seq: number) {
  return db.get<{ storage_key: string; wrapped_key: string; master_key_id: string }>(
    sql`SELECT c.storage_key, k.wrapped_key, k.master_key_id FROM chunks c
        JOIN sessions s ON s.id = c.session_id AND s.erased_at IS NULL
        JOIN session_keys k ON k.session_id = c.session_id
        WHERE c.session_id = ${sessionId} AND c.seq = ${seq}`,
  );
}
