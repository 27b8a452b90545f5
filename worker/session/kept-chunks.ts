import type { IndexRow } from "../db/ingest-queries";
import type { BlobLocation } from "../storage/chunk-objects";
import { sessionPrefix } from "../storage/keys";
import { LazyTables, numberOrNull, stringOrNull } from "./sql-values";

/**
 * A chunk the session keeps (its object's SQLite), and whether D1's index has its row yet.
 * `storageKey` null: its blob is still in the object (buffered), to be written into a segment.
 */
export interface KeptRow extends Omit<IndexRow, "storageKey"> {
  storageKey: string | null;
  indexed: boolean;
}

/** Where a kept chunk's blob went: an R2 object of its own (offset null) or a range of a segment. */
export type SealedBlob = BlobLocation & { seq: number };

const TABLE = "kept_chunks";
const COLUMNS = "seq, started_at, ended_at, received_at, bytes, raw_bytes, event_count, has_full_snapshot, indexed, storage_key, blob_offset, blob_length";
/** The columns this table gained with segments (objects made before get them on first use). */
const LOCATION_COLUMNS = ["storage_key TEXT", "blob_offset INTEGER", "blob_length INTEGER", "blob BLOB"];

function toRow(r: Record<string, SqlStorageValue>): KeptRow {
  return {
    seq: numberOrNull(r.seq) ?? 0,
    startedAt: numberOrNull(r.started_at) ?? 0,
    endedAt: numberOrNull(r.ended_at) ?? 0,
    receivedAt: numberOrNull(r.received_at) ?? 0,
    bytes: numberOrNull(r.bytes) ?? 0,
    rawBytes: numberOrNull(r.raw_bytes) ?? 0,
    eventCount: numberOrNull(r.event_count) ?? 0,
    hasFullSnapshot: r.has_full_snapshot === 1,
    storageKey: stringOrNull(r.storage_key),
    blobOffset: numberOrNull(r.blob_offset),
    blobLength: numberOrNull(r.blob_length),
    indexed: r.indexed === 1,
  };
}

/**
 * The chunks a session keeps, one row each in its object's SQLite: what idempotency (stored
 * seqs), the window and the session's totals are computed from, the index rows D1 is still
 * to get, and the blobs not yet written to R2 (a chunk's blob waits here for the next segment:
 * session/seal-segments.ts). Bounded by the window's caps (2,000 chunks). SQLite is the durable copy,
 * written through; the rows but not the blobs are also held in memory, in seq order, read from
 * SQLite once per object life (so a chunk costs no selects), and dropped by `forget()`. The table
 * is made on the first write.
 */
export class KeptChunkTable {
  private readonly table: LazyTables;
  /** In seq order; null until first needed in this object's life. */
  private rows: KeptRow[] | null = null;
  /** Bytes of the blobs buffered here; null until first needed. */
  private buffered: number | null = null;

  constructor(
    private readonly sql: SqlStorage,
    /** The session's id: known (its state written) before the first row is read. */
    private readonly sessionId: () => string,
  ) {
    this.table = new LazyTables(sql, TABLE, [
      `CREATE TABLE IF NOT EXISTS ${TABLE} (seq INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, raw_bytes INTEGER NOT NULL, event_count INTEGER NOT NULL, has_full_snapshot INTEGER NOT NULL, indexed INTEGER NOT NULL, ${LOCATION_COLUMNS.join(", ")})`,
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

  /** The chunks whose blobs are buffered here, in seq order. */
  unsealed(): KeptRow[] {
    return this.memory().filter((r) => r.storageKey === null);
  }

  /** Bytes of the blobs buffered here. */
  bufferedBytes(): number {
    this.buffered ??= this.unsealed().reduce((sum, r) => sum + r.bytes, 0);
    return this.buffered;
  }

  /** Whether `seq` is kept. */
  has(seq: number): boolean {
    return this.row(seq) !== undefined;
  }

  /** The kept row of `seq`, if any. */
  row(seq: number): KeptRow | undefined {
    const rows = this.memory();
    const row = rows[indexOfSeq(rows, seq)];
    return row?.seq === seq ? row : undefined;
  }

  /** Buffered blobs of `seqs` (those still here), by seq. */
  blobs(seqs: number[]): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    if (!this.ready() || seqs.length === 0) return out;
    const rows = this.sql.exec(`SELECT seq, blob FROM ${TABLE} WHERE seq IN (SELECT value FROM json_each(?)) AND blob IS NOT NULL`, JSON.stringify(seqs));
    for (const r of rows) if (typeof r.seq === "number" && r.blob instanceof ArrayBuffer) out.set(r.seq, new Uint8Array(r.blob));
    return out;
  }

  /**
   * Adds a kept chunk (or replaces the one of its seq): with its blob when it waits here for a
   * segment (`row.storageKey` null), else where R2 has it.
   */
  add(row: Omit<KeptRow, "blobOffset" | "blobLength"> & Partial<Pick<KeptRow, "blobOffset" | "blobLength">>, blob: Uint8Array | null): void {
    this.create();
    // Field by field: the caller may pass a whole chunk, whose bytes must not stay in memory.
    const { seq, startedAt, endedAt, receivedAt, bytes, rawBytes, eventCount, hasFullSnapshot, indexed, storageKey } = row;
    const blobOffset = row.blobOffset ?? null;
    const blobLength = row.blobLength ?? null;
    const buffered = storageKey === null ? blob : null;
    const values = [
      seq,
      startedAt,
      endedAt,
      receivedAt,
      bytes,
      rawBytes,
      eventCount,
      hasFullSnapshot ? 1 : 0,
      indexed ? 1 : 0,
      storageKey,
      blobOffset,
      blobLength,
      buffered,
    ];
    this.sql.exec(`INSERT OR REPLACE INTO ${TABLE} (${COLUMNS}, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...values);
    const kept: KeptRow = { seq, startedAt, endedAt, receivedAt, bytes, rawBytes, eventCount, hasFullSnapshot, indexed, storageKey, blobOffset, blobLength };
    const rows = this.memory();
    const at = indexOfSeq(rows, seq);
    const replaced = rows[at]?.seq === seq ? rows[at] : undefined;
    rows.splice(at, replaced ? 1 : 0, kept);
    this.buffered = this.bufferedBytes() - (replaced?.storageKey === null ? replaced.bytes : 0) + (storageKey === null ? bytes : 0);
  }

  /** The blobs of these chunks are in R2 now: their rows say where, and the object lets go of the bytes. */
  markSealed(sealed: SealedBlob[]): void {
    if (!this.ready() || sealed.length === 0) return;
    this.sql.exec(
      `UPDATE ${TABLE} SET storage_key = s.value ->> 1, blob_offset = s.value ->> 2, blob_length = s.value ->> 3, blob = NULL
       FROM json_each(?) AS s WHERE ${TABLE}.seq = s.value ->> 0`,
      JSON.stringify(sealed.map((b) => [b.seq, b.storageKey, b.blobOffset, b.blobLength])),
    );
    const bySeq = new Map(sealed.map((b) => [b.seq, b]));
    this.rows = this.memory().map((r) => {
      const b = bySeq.get(r.seq);
      return b ? { ...r, storageKey: b.storageKey, blobOffset: b.blobOffset, blobLength: b.blobLength } : r;
    });
    this.buffered = null;
  }

  /** These chunks' blobs come back here (their segment is going): each waits for the next segment, and D1 gets its row again. */
  unseal(blobs: Map<number, Uint8Array>): void {
    if (!this.ready() || blobs.size === 0) return;
    for (const [seq, blob] of blobs)
      this.sql.exec(`UPDATE ${TABLE} SET storage_key = NULL, blob_offset = NULL, blob_length = NULL, blob = ?, indexed = 0 WHERE seq = ?`, blob, seq);
    this.rows = this.memory().map((r) => (blobs.has(r.seq) ? { ...r, storageKey: null, blobOffset: null, blobLength: null, indexed: false } : r));
    this.buffered = null;
  }

  /** Drops the chunks below `seq` (the window moved); returns them. */
  dropBelow(seq: number): KeptRow[] {
    const rows = this.memory();
    const count = indexOfSeq(rows, seq);
    if (count === 0) return [];
    this.sql.exec(`DELETE FROM ${TABLE} WHERE seq < ?`, seq);
    this.buffered = null;
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
    this.buffered = 0;
  }

  private memory(): KeptRow[] {
    if (this.rows) return this.rows;
    if (!this.ready()) return (this.rows = []);
    this.addLocationColumns();
    this.rows = this.sql.exec(`SELECT ${COLUMNS} FROM ${TABLE} ORDER BY seq`).toArray().map(toRow);
    return this.rows;
  }

  /**
   * A table made before segments has no location columns: they are added, and its rows (each
   * chunk an R2 object of its own then) get their object's key, so a null key always means buffered.
   */
  private addLocationColumns(): void {
    const columns = this.sql.exec(`SELECT * FROM ${TABLE} LIMIT 0`).columnNames;
    if (columns.includes("storage_key")) return;
    for (const column of LOCATION_COLUMNS) this.sql.exec(`ALTER TABLE ${TABLE} ADD COLUMN ${column}`);
    this.sql.exec(`UPDATE ${TABLE} SET storage_key = printf('%schunks/%010d.bin', ?, seq)`, sessionPrefix(this.sessionId()));
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
