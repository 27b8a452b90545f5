import { and, asc, eq, gt, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { inJsonList } from "./json-list";
import { chunks, sessionKeys, sessions } from "./schema";
import { type KeysetPosition, type SortKey, selectPage } from "./keyset";
import type { SessionFields } from "./ingest-queries";
import type { SessionOrder } from "../../protocol/session-orders";

/** A session as the admin API shows it. */
export interface SessionSummary extends Omit<SessionFields, "meta" | "keptFromSeq"> {
  id: string;
  userId: string;
  meta: Record<string, unknown>;
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

/** A session row's meta JSON as an object ({} for none or a malformed one). */
export function parseMeta(text: string): Record<string, unknown> {
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

/** Each order's sort values before the id, and a row's values in it (none for a row without a start, which cannot be a cursor). */
const sessionOrderKeys: Record<SessionOrder, { values: SortKey["values"]; of: (row: SummaryRow) => number[] | null }> = {
  newest: { values: [sessions.startedAt], of: (r) => (r.startedAt !== null ? [r.startedAt] : null) },
  frustration: {
    values: [sql<number>`${sessions.rageClicks} + ${sessions.deadClicks}`, sessions.startedAt],
    of: (r) => (r.startedAt !== null ? [r.rageClicks + r.deadClicks, r.startedAt] : null),
  },
};

/** How many sort values a cursor of `order` has (a cursor of another order is refused). */
export const sessionOrderValueCount = (order: SessionOrder) => sessionOrderKeys[order].values.length;

/**
 * A page of visible sessions and the position after it: newest first by (started_at, id), or with
 * `sort: "frustration"` most rage + dead clicks first, then newest, then id. `from`/`to` keep
 * sessions that overlap the range.
 */
export async function listSessions(
  db: Database,
  q: {
    userId?: string;
    from?: number;
    to?: number;
    device?: number;
    frustrated?: boolean;
    sort?: SessionOrder;
    limit: number;
    cursor?: KeysetPosition;
    liveIds?: string[];
  },
) {
  const where = and(
    visible,
    q.userId !== undefined ? eq(sessions.userId, q.userId) : undefined,
    q.device !== undefined ? eq(sessions.device, q.device) : undefined,
    q.frustrated ? or(gt(sessions.rageClicks, 0), gt(sessions.deadClicks, 0)) : undefined,
    // A live session's row may end earlier than it does now: its object tells (the caller filters again).
    q.from !== undefined ? or(gte(sessions.endedAt, q.from), q.liveIds?.length ? inJsonList(sessions.id, q.liveIds) : undefined) : undefined,
    q.to !== undefined ? lte(sessions.startedAt, q.to) : undefined,
  );
  const order = sessionOrderKeys[q.sort ?? "newest"];
  const query = db.select(summaryColumns).from(sessions).$dynamic();
  const { rows, next } = await selectPage(query, { values: order.values, id: sessions.id }, where, q, (last) => {
    const values = order.of(last);
    return values && { values, id: last.id };
  });
  return { rows: rows.map(toSummary), next };
}

/** One visible session, or null. */
export async function getSession(db: Database, id: string): Promise<SessionSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(sessions)
    .where(and(eq(sessions.id, id), visible));
  return row ? toSummary(row) : null;
}

/** A chunk's columns as the admin detail lists it (the index read of ingest-queries.ts adds its own). */
export const chunkListColumns = {
  seq: chunks.seq,
  startedAt: chunks.startedAt,
  endedAt: chunks.endedAt,
  bytes: chunks.bytes,
  eventCount: chunks.eventCount,
  hasFullSnapshot: chunks.hasFullSnapshot,
};

/** A session's kept chunks in seq order. */
export function listChunks(db: Database, sessionId: string) {
  return db.select(chunkListColumns).from(chunks).where(eq(chunks.sessionId, sessionId)).orderBy(asc(chunks.seq));
}

/**
 * What a signed chunk read needs from D1, in one round trip: the data key of a session that is not
 * being erased, and where R2 has the chunk's blob when D1 indexes it (undefined: not indexed yet,
 * or dropped; its session's object knows).
 */
export async function getChunkForRead(db: Database, sessionId: string, seq: number) {
  const [key, row] = await db.batch([
    db
      .select({ wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId })
      .from(sessionKeys)
      .innerJoin(sessions, and(eq(sessions.id, sessionKeys.sessionId), isNull(sessions.erasedAt)))
      .where(eq(sessionKeys.sessionId, sessionId)),
    db
      .select({ storageKey: chunks.storageKey, blobOffset: chunks.blobOffset, blobLength: chunks.blobLength })
      .from(chunks)
      .where(and(eq(chunks.sessionId, sessionId), eq(chunks.seq, seq))),
  ]);
  return { key: key[0], location: row[0] };
}
