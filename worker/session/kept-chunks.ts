import type { IndexRow } from "../db/ingest-queries";
import { chunkKey } from "../storage/keys";
import { LazyTables, numberOrNull } from "./sql-values";

/** A chunk the session keeps (its object's SQLite), and whether D1's index has its row yet. */
export interface KeptRow extends IndexRow {
  indexed: boolean;
}

const TABLE = "kept_chunks";

function toRow(sessionId: string, r: Record<string, SqlStorageValue>): KeptRow {
  const seq = numberOrNull(r.seq) ?? 0;
  return {
    seq,
    startedAt: numberOrNull(r.started_at) ?? 0,
    endedAt: numberOrNull(r.ended_at) ?? 0,
    receivedAt: numberOrNull(r.received_at) ?? 0,
    bytes: numberOrNull(r.bytes) ?? 0,
    rawBytes: numberOrNull(r.raw_bytes) ?? 0,
    eventCount: numberOrNull(r.event_count) ?? 0,
    hasFullSnapshot: r.has_full_snapshot === 1,
    storageKey: chunkKey(sessionId, seq),
    indexed: r.indexed === 1,
  };
}

/**
 * The chunks a session keeps, one row each in its object's SQLite: what idempotency (stored
 * seqs), the window and the session's totals are computed from, and the index rows D1 is still
 * to get. Bounded by the window's caps (2,000 chunks). The table is made on the first write.
 */
export class KeptChunkTable {
  private readonly table: LazyTables;

  constructor(
    private readonly sql: SqlStorage,
    private readonly sessionId: () => string,
  ) {
    this.table = new LazyTables(sql, TABLE, [
      `CREATE TABLE IF NOT EXISTS ${TABLE} (seq INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, raw_bytes INTEGER NOT NULL, event_count INTEGER NOT NULL, has_full_snapshot INTEGER NOT NULL, indexed INTEGER NOT NULL)`,
    ]);
  }

  /** Every kept chunk, in seq order. */
  all(): KeptRow[] {
    return this.select("");
  }

  /** The chunks D1 does not index yet, in seq order. */
  pending(): KeptRow[] {
    return this.select("WHERE indexed = 0");
  }

  /** Whether `seq` is kept. */
  has(seq: number): boolean {
    return this.ready() && this.sql.exec(`SELECT 1 FROM ${TABLE} WHERE seq = ?`, seq).toArray().length > 0;
  }

  /** Adds a kept chunk. */
  add(row: Omit<KeptRow, "storageKey">): void {
    this.create();
    this.sql.exec(
      `INSERT OR REPLACE INTO ${TABLE} (seq, started_at, ended_at, received_at, bytes, raw_bytes, event_count, has_full_snapshot, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.seq,
      row.startedAt,
      row.endedAt,
      row.receivedAt,
      row.bytes,
      row.rawBytes,
      row.eventCount,
      row.hasFullSnapshot ? 1 : 0,
      row.indexed ? 1 : 0,
    );
  }

  /** Drops the chunks below `seq` (the window moved); returns them. */
  dropBelow(seq: number): KeptRow[] {
    const dropped = this.all().filter((r) => r.seq < seq);
    if (dropped.length) this.sql.exec(`DELETE FROM ${TABLE} WHERE seq < ?`, seq);
    return dropped;
  }

  /** Marks rows as indexed in D1. */
  markIndexed(seqs: number[]): void {
    if (!this.ready() || seqs.length === 0) return;
    this.sql.exec(`UPDATE ${TABLE} SET indexed = 1 WHERE seq IN (SELECT value FROM json_each(?))`, JSON.stringify(seqs));
  }

  /** Totals over the kept chunks. */
  totals(): { bytes: number; eventCount: number; chunkCount: number; endedAt: number | null } {
    if (!this.ready()) return { bytes: 0, eventCount: 0, chunkCount: 0, endedAt: null };
    const [r] = this.sql
      .exec(`SELECT COALESCE(SUM(bytes), 0) AS b, COALESCE(SUM(event_count), 0) AS e, COUNT(*) AS n, MAX(ended_at) AS end FROM ${TABLE}`)
      .toArray();
    return { bytes: numberOrNull(r?.b) ?? 0, eventCount: numberOrNull(r?.e) ?? 0, chunkCount: numberOrNull(r?.n) ?? 0, endedAt: numberOrNull(r?.end) };
  }

  /** Call after `deleteAll()`: the table is gone. */
  forget(): void {
    this.table.forget();
  }

  private select(where: string): KeptRow[] {
    if (!this.ready()) return [];
    const id = this.sessionId();
    return this.sql
      .exec(`SELECT * FROM ${TABLE} ${where} ORDER BY seq`)
      .toArray()
      .map((r) => toRow(id, r));
  }

  private ready(): boolean {
    return this.table.ready();
  }

  private create(): void {
    this.table.create();
  }
}
