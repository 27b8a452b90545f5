import { hasTable, numberOrNull, stringOrNull } from "./sql-values";

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

const TABLE = "live_state";

/**
 * The object's state as one row of its SQLite. The table is made on the first write, so an object
 * that only had viewers, or was erased (`deleteAll()` drops every table), stores nothing at all.
 */
export class LiveStateTable {
  private exists: boolean | null = null;

  constructor(private readonly sql: SqlStorage) {}

  /** The state, or null before the first chunk (and after erasure). */
  read(): LiveState | null {
    this.exists ??= hasTable(this.sql, TABLE);
    if (!this.exists) return null;
    const [row] = this.sql.exec(`SELECT * FROM ${TABLE} WHERE id = 1`).toArray();
    const sessionId = stringOrNull(row?.session_id);
    const lastSeq = numberOrNull(row?.last_seq);
    const lastChunkAt = numberOrNull(row?.last_chunk_at);
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
  }

  /** Replaces the state. */
  write(s: LiveState): void {
    if (!this.exists) {
      this.sql.exec(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), session_id TEXT NOT NULL, last_seq INTEGER NOT NULL, last_chunk_at INTEGER NOT NULL, chunks_seen INTEGER NOT NULL, chunks_announced INTEGER NOT NULL, listed INTEGER NOT NULL, announced_at INTEGER)`,
      );
      this.exists = true;
    }
    this.sql.exec(
      `INSERT OR REPLACE INTO ${TABLE} (id, session_id, last_seq, last_chunk_at, chunks_seen, chunks_announced, listed, announced_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
      s.sessionId,
      s.lastSeq,
      s.lastChunkAt,
      s.chunksSeen,
      s.chunksAnnounced,
      s.listed ? 1 : 0,
      s.announcedAt,
    );
  }

  /** Call after `deleteAll()`: the table is gone. */
  forget(): void {
    this.exists = false;
  }
}
