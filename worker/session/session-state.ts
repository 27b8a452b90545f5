import { OneRowTable, type RowShape } from "./one-row-table";
import { numberOrNull, stringOrNull } from "./sql-values";

/** What a session's object keeps to be its session's single writer (besides its kept chunks and `live_state`). */
export interface SessionState {
  sessionId: string;
  /** The `sub` of the session's first chunk: chunks from anyone else are refused. */
  userId: string;
  /** The session's real start (the earliest event time ever stored; trims do not raise it). */
  startedAt: number | null;
  /** Latest kept end seen, kept when every chunk is trimmed (as D1's row keeps it). */
  endedAt: number | null;
  /** JSON of the first chunk's meta that had one. */
  meta: string | null;
  /** Device type code from that meta (protocol/enums.ts); 0 = unknown. */
  device: number;
  lastUrl: string | null;
  /** When the last chunk was received, by the server's clock. */
  lastChunkAt: number | null;
  /** The window: chunks below this seq were dropped; a late one is answered ok and not stored. */
  keptFromSeq: number;
  /** Whether D1 may still hold rows below keptFromSeq (the next flush deletes them). */
  indexHasDropped: boolean;
  /** Whether the session row in D1 is behind this state (a chunk or a trim since the last flush). */
  dirty: boolean;
  /** D1 write statements this object has sent (claim and flushes): the budget is 0.1 per chunk. */
  indexStatements: number;
}

const SHAPE: RowShape<SessionState> = {
  table: "session_state",
  columns: {
    session_id: "TEXT NOT NULL",
    user_id: "TEXT NOT NULL",
    started_at: "INTEGER",
    ended_at: "INTEGER",
    meta: "TEXT",
    device: "INTEGER NOT NULL",
    last_url: "TEXT",
    last_chunk_at: "INTEGER",
    kept_from_seq: "INTEGER NOT NULL",
    index_has_dropped: "INTEGER NOT NULL",
    dirty: "INTEGER NOT NULL",
    index_statements: "INTEGER NOT NULL",
  },
  encode: (s) => [
    s.sessionId,
    s.userId,
    s.startedAt,
    s.endedAt,
    s.meta,
    s.device,
    s.lastUrl,
    s.lastChunkAt,
    s.keptFromSeq,
    s.indexHasDropped ? 1 : 0,
    s.dirty ? 1 : 0,
    s.indexStatements,
  ],
  decode(r) {
    const sessionId = stringOrNull(r.session_id);
    const userId = stringOrNull(r.user_id);
    if (sessionId === null || userId === null) return null;
    return {
      sessionId,
      userId,
      startedAt: numberOrNull(r.started_at),
      endedAt: numberOrNull(r.ended_at),
      meta: stringOrNull(r.meta),
      device: numberOrNull(r.device) ?? 0,
      lastUrl: stringOrNull(r.last_url),
      lastChunkAt: numberOrNull(r.last_chunk_at),
      keptFromSeq: numberOrNull(r.kept_from_seq) ?? 0,
      indexHasDropped: r.index_has_dropped === 1,
      dirty: r.dirty === 1,
      indexStatements: numberOrNull(r.index_statements) ?? 0,
    };
  },
};

/** The writer's state: one row of the object's SQLite, made on the first write (like live_state), and in memory between calls. */
export class SessionStateTable extends OneRowTable<SessionState> {
  constructor(sql: SqlStorage) {
    super(sql, SHAPE);
  }
}
