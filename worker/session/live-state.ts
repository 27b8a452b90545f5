import { OneRowTable, type RowShape } from "./one-row-table";
import { numberOrNull, stringOrNull } from "./sql-values";

/** What a session's object keeps between calls (phase 1: what live viewing needs, no chunk data). */
export interface LiveState {
  sessionId: string;
  /** Highest seq stored so far (the hello frame's `lastSeq`). */
  lastSeq: number;
  /** When the last chunk was received, by the server's clock. */
  lastChunkAt: number;
  /** Chunks told to this object, and how many of them the directory has heard of. */
  chunksSeen: number;
  chunksAnnounced: number;
  /** Whether the directory lists the session as live (a start without an end yet). */
  listed: boolean;
  /** When the directory was last told anything of this session. */
  announcedAt: number | null;
}

const SHAPE: RowShape<LiveState> = {
  table: "live_state",
  columns: {
    session_id: "TEXT NOT NULL",
    last_seq: "INTEGER NOT NULL",
    last_chunk_at: "INTEGER NOT NULL",
    chunks_seen: "INTEGER NOT NULL",
    chunks_announced: "INTEGER NOT NULL",
    listed: "INTEGER NOT NULL",
    announced_at: "INTEGER",
  },
  encode: (s) => [s.sessionId, s.lastSeq, s.lastChunkAt, s.chunksSeen, s.chunksAnnounced, s.listed ? 1 : 0, s.announcedAt],
  decode(row) {
    const sessionId = stringOrNull(row.session_id);
    const lastSeq = numberOrNull(row.last_seq);
    const lastChunkAt = numberOrNull(row.last_chunk_at);
    if (sessionId === null || lastSeq === null || lastChunkAt === null) return null;
    return {
      sessionId,
      lastSeq,
      lastChunkAt,
      chunksSeen: numberOrNull(row.chunks_seen) ?? 0,
      chunksAnnounced: numberOrNull(row.chunks_announced) ?? 0,
      listed: row.listed === 1,
      announcedAt: numberOrNull(row.announced_at),
    };
  },
};

/** The live state once chunk `seq`, received at `receivedAt`, is stored: news for the directory. */
export function afterChunk(before: LiveState | null, chunk: { sessionId: string; seq: number; receivedAt: number }): LiveState {
  return {
    sessionId: chunk.sessionId,
    lastSeq: Math.max(before?.lastSeq ?? -1, chunk.seq),
    lastChunkAt: Math.max(before?.lastChunkAt ?? 0, chunk.receivedAt),
    chunksSeen: (before?.chunksSeen ?? 0) + 1,
    chunksAnnounced: before?.chunksAnnounced ?? 0,
    listed: before?.listed ?? false,
    announcedAt: before?.announcedAt ?? null,
  };
}

/** What the writer's own durable state says of the chunks stored (session state and kept chunks). */
export interface StoredChunksSoFar {
  sessionId: string;
  lastSeq: number;
  lastChunkAt: number;
}

/**
 * The object's live state as one row of its SQLite (see OneRowTable), and in memory between calls.
 * A stored chunk changes it in memory only (`keep`): the row is written when the directory is told
 * (announce.ts), at most every 30 s, not on every chunk. A new object life rebuilds what the row
 * lacks from the writer's state, which every chunk does write: the newest seq and chunk time, and
 * news the directory has not heard of (a chunk after the row was written).
 */
export class LiveStateTable extends OneRowTable<LiveState> {
  constructor(
    sql: SqlStorage,
    private readonly stored: () => StoredChunksSoFar | null,
  ) {
    super(sql, SHAPE);
  }

  protected override recover(row: LiveState | null): LiveState | null {
    const chunks = this.stored();
    if (!chunks) return row;
    const base = row ?? { sessionId: chunks.sessionId, lastSeq: -1, lastChunkAt: 0, chunksSeen: 0, chunksAnnounced: 0, listed: false, announcedAt: null };
    const news = chunks.lastSeq > base.lastSeq || chunks.lastChunkAt > base.lastChunkAt;
    if (!news) return base;
    return {
      ...base,
      lastSeq: Math.max(base.lastSeq, chunks.lastSeq),
      lastChunkAt: Math.max(base.lastChunkAt, chunks.lastChunkAt),
      chunksSeen: Math.max(base.chunksSeen, base.chunksAnnounced + 1),
    };
  }
}
