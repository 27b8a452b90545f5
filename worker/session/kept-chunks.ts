import type { IndexRow } from "../db/ingest-queries";
import { chunkKey } from "../storage/keys";
import { LazyTables, numberOrNull } from "./sql-values";

/** A chunk the session keeps (its object's SQLite), and whether D1's index has its row yet. */
export interface KeptRow extends IndexRow {
  indexed: boolean;
}

const TABLE = "kept_chunks";
const COLUMNS = "seq, started_at, ended_at, received_at, bytes, raw_bytes, event_count, has_full_snapshot, indexed";

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
 * to get. Bounded by the window's caps (2,000 chunks). SQLite is the durable copy, written
 * through; the rows are also held in memory, in seq order, read from SQLite once per object life
 * (so a chunk costs no selects), and dropped by `forget()`. The table is made on the first write.
 */
export class KeptChunkTable {
  private readonly table: LazyTables;
  /** In seq order; null until first needed in this object's life. */
  private rows: KeptRow[] | null = null;

  constructor(
    private readonly sql: SqlStorage,
    /** The session's id, for the rows' storage keys: known (its state written) before the first row is added or read. */
    private readonly sessionId: () => string,
  ) {
    this.table = new LazyTables(sql, TABLE, [
      `CREATE TABLE IF NOT EXISTS ${TABLE} (seq INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, raw_bytes INTEGER NOT NULL, event_count INTEGER NOT NULL, has_full_snapshot INTEGER NOT NULL, indexed INTEGER NOT NULL)`,
    ]);
  }

  /** Every kept chunk, in seq order. */
  all(): KeptRow[] {
    return this.memory().slice();
  }

  /** The chunks D1 does not index yet, in seq order. */
  pending(): KeptRow[] {
    return this.memory().filter((r) => !r.indexed);
  }

  /** Whether `seq` is kept. */
  has(seq: number): boolean {
    const rows = this.memory();
    return rows[indexOfSeq(rows, seq)]?.seq === seq;
  }

  /** Adds a kept chunk (or replaces the one of its seq). */
  add(row: Omit<KeptRow, "storageKey">): void {
    this.create();
    // Field by field: the caller may pass a whole chunk, whose bytes must not stay in memory.
    const { seq, startedAt, endedAt, receivedAt, bytes, rawBytes, eventCount, hasFullSnapshot, indexed } = row;
    const values = [seq, startedAt, endedAt, receivedAt, bytes, rawBytes, eventCount, hasFullSnapshot ? 1 : 0, indexed ? 1 : 0];
    this.sql.exec(`INSERT OR REPLACE INTO ${TABLE} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...values);
    const storageKey = chunkKey(this.sessionId(), seq);
    const kept: KeptRow = { seq, startedAt, endedAt, receivedAt, bytes, rawBytes, eventCount, hasFullSnapshot, indexed, storageKey };
    const rows = this.memory();
    const at = indexOfSeq(rows, seq);
    rows.splice(at, rows[at]?.seq === seq ? 1 : 0, kept);
  }

  /** Drops the chunks below `seq` (the window moved); returns them. */
  dropBelow(seq: number): KeptRow[] {
    const rows = this.memory();
    const count = indexOfSeq(rows, seq);
    if (count === 0) return [];
    this.sql.exec(`DELETE FROM ${TABLE} WHERE seq < ?`, seq);
    return rows.splice(0, count);
  }

  /** Marks rows as indexed in D1. */
  markIndexed(seqs: number[]): void {
    if (!this.ready() || seqs.length === 0) return;
    this.sql.exec(`UPDATE ${TABLE} SET indexed = 1 WHERE seq IN (SELECT value FROM json_each(?))`, JSON.stringify(seqs));
    const marked = new Set(seqs);
    // Replaced, not changed: arrays handed out earlier keep what they were given.
    this.rows = this.memory().map((r) => (marked.has(r.seq) ? { ...r, indexed: true } : r));
  }

  /** Totals over the kept chunks. */
  totals(): { bytes: number; eventCount: number; chunkCount: number; endedAt: number | null } {
    let bytes = 0;
    let eventCount = 0;
    let endedAt: number | null = null;
    const rows = this.memory();
    for (const r of rows) {
      bytes += r.bytes;
      eventCount += r.eventCount;
      endedAt = endedAt === null ? r.endedAt : Math.max(endedAt, r.endedAt);
    }
    return { bytes, eventCount, chunkCount: rows.length, endedAt };
  }

  /** Call after `deleteAll()`: the table is gone. */
  forget(): void {
    this.table.forget();
    this.rows = [];
  }

  private memory(): KeptRow[] {
    if (this.rows) return this.rows;
    if (!this.ready()) return (this.rows = []);
    const id = this.sessionId();
    this.rows = this.sql
      .exec(`SELECT * FROM ${TABLE} ORDER BY seq`)
      .toArray()
      .map((r) => toRow(id, r));
    return this.rows;
  }

  private ready(): boolean {
    return this.table.ready();
  }

  private create(): void {
    this.table.create();
  }
}

/** Where `seq` is, or would go, in rows sorted by seq (binary search: the last row is the usual answer). */
function indexOfSeq(rows: KeptRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
