import { and, desc, eq, gt, gte, isNull, lt, lte, or } from "drizzle-orm";
import type { Database } from "./client";
import { chunks, sessionKeys, sessions } from "./schema";
import { selectSessionChunks } from "./session-queries";

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
  /** Device type code (protocol/enums.ts). */
  device: number;
  rageClicks: number;
  deadClicks: number;
}

const summaryColumns = {
  id: sessions.id,
  userId: sessions.userId,
  startedAt: sessions.startedAt,
  endedAt: sessions.endedAt,
  bytes: sessions.bytes,
  eventCount: sessions.eventCount,
  chunkCount: sessions.chunkCount,
  meta: sessions.meta,
  lastUrl: sessions.lastUrl,
  lastChunkAt: sessions.lastChunkAt,
  device: sessions.device,
  rageClicks: sessions.rageClicks,
  deadClicks: sessions.deadClicks,
};

type SummaryRow = Omit<SessionSummary, "meta"> & { meta: string };

function parseMeta(text: string): Record<string, unknown> {
  try {
    const meta: unknown = JSON.parse(text);
    return meta !== null && typeof meta === "object" && !Array.isArray(meta) ? Object.fromEntries(Object.entries(meta)) : {};
  } catch {
    // A row written by an older version: show no meta rather than fail the page.
    return {};
  }
}

function toSummary(r: SummaryRow): SessionSummary {
  return { ...r, meta: parseMeta(r.meta) };
}

/** Visible sessions: not being erased, and given at least one chunk. */
const visible = and(isNull(sessions.erasedAt), gt(sessions.chunkCount, 0));

/** Position after the last listed session: sessions are ordered by (started_at, id) descending. */
export interface Cursor {
  startedAt: number;
  id: string;
}

/**
 * Lists visible sessions, newest first. Keyset pagination on (started_at, id) never repeats or
 * skips a row, even while new sessions arrive. `from`/`to` keep sessions that overlap the range.
 */
export async function listSessions(
  db: Database,
  q: { userId?: string; from?: number; to?: number; device?: number; frustrated?: boolean; limit: number; after?: Cursor },
) {
  const rows = await db
    .select(summaryColumns)
    .from(sessions)
    .where(
      and(
        visible,
        q.userId !== undefined ? eq(sessions.userId, q.userId) : undefined,
        q.device !== undefined ? eq(sessions.device, q.device) : undefined,
        q.frustrated ? or(gt(sessions.rageClicks, 0), gt(sessions.deadClicks, 0)) : undefined,
        q.from !== undefined ? gte(sessions.endedAt, q.from) : undefined,
        q.to !== undefined ? lte(sessions.startedAt, q.to) : undefined,
        q.after ? or(lt(sessions.startedAt, q.after.startedAt), and(eq(sessions.startedAt, q.after.startedAt), lt(sessions.id, q.after.id))) : undefined,
      ),
    )
    .orderBy(desc(sessions.startedAt), desc(sessions.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map(toSummary);
  const last = page[page.length - 1];
  const next: Cursor | null = rows.length > q.limit && last && last.startedAt !== null ? { startedAt: last.startedAt, id: last.id } : null;
  return { sessions: page, next };
}

/** One visible session, or null. */
export async function getSession(db: Database, id: string): Promise<SessionSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(sessions)
    .where(and(eq(sessions.id, id), visible));
  return row ? toSummary(row) : null;
}

/** A session's kept chunks in seq order. */
export function listChunks(db: Database, sessionId: string) {
  return selectSessionChunks(db, sessionId, { eventCount: chunks.eventCount });
}

/** The stored key of one chunk and the session's wrapped data key, for a signed read; undefined once erased. */
export async function getChunkForRead(db: Database, sessionId: string, seq: number) {
  const [row] = await db
    .select({ storageKey: chunks.storageKey, wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId })
    .from(chunks)
    .innerJoin(sessions, and(eq(sessions.id, chunks.sessionId), isNull(sessions.erasedAt)))
    .innerJoin(sessionKeys, eq(sessionKeys.sessionId, chunks.sessionId))
    .where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq)));
  return row;
}
