import { and, asc, eq, exists, isNull, lt, notExists, sql } from "drizzle-orm";
import type { Database } from "./client";
import { selectJsonRows } from "./json-list";
import { chunks, erasedSessions, sessionKeys, sessions } from "./schema";
import { boundValue } from "./bound-value";
import { chunkListColumns } from "./admin-queries";
import { heatmapStatements, type HeatmapClickRow } from "./heatmap-queries";
import { insertInsights, insightCounts, type StoredInsight } from "./insight-queries";

/** A session's wrapped data key as D1 stores it. */
export type StoredKey = Pick<typeof sessionKeys.$inferSelect, "wrappedKey" | "masterKeyId">;

const storedKey = { wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId };

/** One chunk row of the index, as the session's object hands it over: where R2 has its blob, and what it holds. */
export interface IndexRow {
  seq: number;
  startedAt: number;
  endedAt: number;
  bytes: number;
  rawBytes: number;
  eventCount: number;
  hasFullSnapshot: boolean;
  storageKey: string;
  /** Its byte range in a segment; null: the object at `storageKey` is this chunk's alone. */
  blobOffset: number | null;
  blobLength: number | null;
  receivedAt: number;
}

/** The session row's derived fields, as its object computes them from what it keeps. */
export interface SessionFields {
  startedAt: number | null;
  endedAt: number | null;
  bytes: number;
  eventCount: number;
  chunkCount: number;
  /** JSON text of the first chunk's meta that had one (null: none yet). */
  meta: string | null;
  lastUrl: string | null;
  lastChunkAt: number | null;
  keptFromSeq: number;
  /** Device type code (protocol/enums.ts), classified with the kept meta; 0 = unknown. */
  device: number;
}

/** What D1 knows of a session when its object first needs it (an object that lost its storage, or a session from before phase 2). */
export interface IndexedSession {
  erased: boolean;
  ownerId: string | null;
  key: StoredKey | null;
  fields: SessionFields | null;
  chunks: IndexRow[];
}

/** Chunk rows bound as one JSON parameter per statement (D1 allows 100 bound parameters, and a string of 2 MB). */
const ROWS_PER_STATEMENT = 200;

/**
 * The columns of the session row an object writes: at the claim and at every index flush, so a
 * new column (device, audit) is added in one place.
 */
export function sessionRowFields(f: SessionFields) {
  return {
    startedAt: f.startedAt,
    endedAt: f.endedAt,
    bytes: f.bytes,
    eventCount: f.eventCount,
    chunkCount: f.chunkCount,
    meta: f.meta ?? "{}",
    lastUrl: f.lastUrl,
    lastChunkAt: f.lastChunkAt,
    keptFromSeq: f.keptFromSeq,
    device: f.device,
  };
}

/** Reads tombstone, session row, data key and chunk rows in one round trip (once per object, not per chunk). */
export async function readIndexedSession(db: Database, sessionId: string): Promise<IndexedSession> {
  const [tomb, session, key, rows] = await db.batch([
    db.select({ id: erasedSessions.sessionId }).from(erasedSessions).where(eq(erasedSessions.sessionId, sessionId)),
    db.select().from(sessions).where(eq(sessions.id, sessionId)),
    db.select(storedKey).from(sessionKeys).where(eq(sessionKeys.sessionId, sessionId)),
    db
      .select({
        ...chunkListColumns,
        rawBytes: chunks.rawBytes,
        storageKey: chunks.storageKey,
        blobOffset: chunks.blobOffset,
        blobLength: chunks.blobLength,
        receivedAt: chunks.createdAt,
      })
      .from(chunks)
      .where(eq(chunks.sessionId, sessionId))
      .orderBy(asc(chunks.seq)),
  ]);
  const row = session[0];
  return {
    erased: tomb.length > 0 || (row?.erasedAt ?? null) !== null,
    ownerId: row?.userId ?? null,
    key: key[0] ?? null,
    fields: row
      ? {
          startedAt: row.startedAt,
          endedAt: row.endedAt,
          bytes: row.bytes,
          eventCount: row.eventCount,
          chunkCount: row.chunkCount,
          meta: row.meta === "{}" ? null : row.meta,
          lastUrl: row.lastUrl,
          lastChunkAt: row.lastChunkAt,
          keptFromSeq: row.keptFromSeq,
          device: row.device,
        }
      : null,
    chunks: rows,
  };
}

/** The data key of a session that is not being erased, or null (shredded: the session is being erased). */
export async function readSessionKey(db: Database, sessionId: string): Promise<StoredKey | null> {
  const [row] = await db
    .select(storedKey)
    .from(sessionKeys)
    .innerJoin(sessions, and(eq(sessions.id, sessionKeys.sessionId), isNull(sessions.erasedAt)))
    .where(eq(sessionKeys.sessionId, sessionId));
  return row ?? null;
}

/** The session's row while it is `userId`'s and not erased: the condition every ingest write checks. */
function ownedLive(sessionId: string, userId: string) {
  return and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.erasedAt));
}

/**
 * Claims a new session at its first chunk: its row (owner, first summary) and its wrapped data key,
 * in one D1 batch of two writes. Nothing is written for an id erased before (its tombstone), or
 * one another writer holds; the returned owner and key are whatever is stored.
 */
export async function claimSession(
  db: Database,
  input: { sessionId: string; userId: string; storageKey: string; key: StoredKey; fields: SessionFields; now: number },
): Promise<{ ownerId: string | null; key: StoredKey | null; statements: number }> {
  const row = sessionRowFields(input.fields);
  const [, , owner, key] = await db.batch([
    db
      .insert(sessions)
      .select((qb) =>
        qb
          .select({
            id: boundValue(input.sessionId, "id"),
            userId: boundValue(input.userId, "user_id"),
            startedAt: boundValue(row.startedAt, "started_at"),
            endedAt: boundValue(row.endedAt, "ended_at"),
            bytes: boundValue(row.bytes, "bytes"),
            eventCount: boundValue(row.eventCount, "event_count"),
            chunkCount: boundValue(row.chunkCount, "chunk_count"),
            meta: boundValue(row.meta, "meta"),
            lastUrl: boundValue(row.lastUrl, "last_url"),
            storageKey: boundValue(input.storageKey, "storage_key"),
            keptFromSeq: boundValue(row.keptFromSeq, "kept_from_seq"),
            createdAt: boundValue(input.now, "created_at"),
            lastChunkAt: boundValue(row.lastChunkAt, "last_chunk_at"),
            erasedAt: sql<null>`NULL`.as("erased_at"),
            device: boundValue(row.device, "device"),
            rageClicks: sql<number>`0`.as("rage_clicks"),
            deadClicks: sql<number>`0`.as("dead_clicks"),
          })
          .from(sql`(SELECT 1)`)
          .where(notExists(qb.select({ one: sql`1` }).from(erasedSessions).where(eq(erasedSessions.sessionId, input.sessionId)))),
      )
      .onConflictDoNothing(),
    // The key is written only beside a session this user owns and that is not being erased.
    db
      .insert(sessionKeys)
      .select((qb) =>
        qb
          .select({
            sessionId: sessions.id,
            wrappedKey: boundValue(input.key.wrappedKey, "wrapped_key"),
            masterKeyId: boundValue(input.key.masterKeyId, "master_key_id"),
            createdAt: boundValue(input.now, "created_at"),
          })
          .from(sessions)
          .where(ownedLive(input.sessionId, input.userId)),
      )
      .onConflictDoNothing(),
    db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, input.sessionId)),
    db.select(storedKey).from(sessionKeys).where(eq(sessionKeys.sessionId, input.sessionId)),
  ]);
  return { ownerId: owner[0]?.userId ?? null, key: key[0] ?? null, statements: 2 };
}

/** Chunk rows read back from one JSON parameter by SQLite's json_each, in the chunks table's column order. */
function rowsFromJson(sessionId: string, rows: IndexRow[]) {
  const field = <T>(name: keyof IndexRow, column: string) => sql<T>`json_extract(value, ${`$.${name}`})`.as(column);
  return {
    sessionId: boundValue(sessionId, "session_id"),
    seq: field<number>("seq", "seq"),
    startedAt: field<number>("startedAt", "started_at"),
    endedAt: field<number>("endedAt", "ended_at"),
    bytes: field<number>("bytes", "bytes"),
    rawBytes: field<number>("rawBytes", "raw_bytes"),
    eventCount: field<number>("eventCount", "event_count"),
    hasFullSnapshot: sql<boolean>`CASE WHEN json_extract(value, '$.hasFullSnapshot') THEN 1 ELSE 0 END`.as("has_full_snapshot"),
    storageKey: field<string>("storageKey", "storage_key"),
    blobOffset: field<number | null>("blobOffset", "blob_offset"),
    blobLength: field<number | null>("blobLength", "blob_length"),
    createdAt: field<number>("receivedAt", "created_at"),
    json: JSON.stringify(rows),
  };
}

/**
 * One index flush of a session's object, as ONE D1 batch: its decided insights (and the session's
 * counts with its summary), its pending chunk rows (a JSON parameter per 200 rows), the rows its
 * window dropped (when D1 has any), the session row's summary and its buffered heatmap clicks. Every write is conditioned on the session being this user's and not erased (rows also
 * on its key), so a flush racing an erasure recreates nothing. Returns whether the session row was
 * still there to update, and how many statements the batch had (the per-chunk budget, issue 10).
 */
export async function writeSessionIndex(
  db: Database,
  input: {
    sessionId: string;
    userId: string;
    rows: IndexRow[];
    dropBelowSeq: number | null;
    fields: SessionFields;
    insights: readonly StoredInsight[];
    clicks: readonly HeatmapClickRow[];
  },
): Promise<{ sessionUpdated: boolean; statements: number }> {
  const s = input.sessionId;
  const inserts = [];
  for (let i = 0; i < input.rows.length; i += ROWS_PER_STATEMENT) {
    const { json, ...columns } = rowsFromJson(s, input.rows.slice(i, i + ROWS_PER_STATEMENT));
    inserts.push(
      db
        .insert(chunks)
        .select((qb) =>
          selectJsonRows(
            qb,
            json,
            and(
              exists(qb.select({ one: sql`1` }).from(sessions).where(ownedLive(s, input.userId))),
              exists(qb.select({ one: sql`1` }).from(sessionKeys).where(eq(sessionKeys.sessionId, s))),
            ),
            columns,
          ),
        )
        // A row written again says where its chunk's blob is now (its segment was rewritten: session/window.ts).
        .onConflictDoUpdate({
          target: [chunks.sessionId, chunks.seq],
          set: { storageKey: sql`excluded.storage_key`, blobOffset: sql`excluded.blob_offset`, blobLength: sql`excluded.blob_length` },
        }),
    );
  }
  const drops = input.dropBelowSeq === null ? [] : [db.delete(chunks).where(and(eq(chunks.sessionId, s), lt(chunks.seq, input.dropBelowSeq)))];
  const counts = input.insights.length ? insightCounts(s) : {};
  const update = db
    .update(sessions)
    .set({ ...sessionRowFields(input.fields), ...counts })
    .where(ownedLive(s, input.userId));
  // Insights go first so the update counts them; every write is conditioned on the session.
  const insights = input.insights.length ? [insertInsights(db, s, input.insights)] : [];
  const heat = heatmapStatements(db, input.clicks, exists(db.select({ one: sql`1` }).from(sessions).where(ownedLive(s, input.userId))).getSQL());
  const [first, ...rest] = [...insights, update, ...drops, ...inserts, ...heat];
  const results = await db.batch([first ?? update, ...rest]);
  return { sessionUpdated: (results[insights.length].meta.changes ?? 0) > 0, statements: results.length };
}
