import type { StoredInsight } from "../db/insight-queries";
import { startInsights, type InsightState } from "../insights/detect-insights";
import type { InsightDigest } from "../insights/insight-digest";
import type { HeatmapClick } from "../insights/page-clicks";
import { LazyTables, numberOrNull, stringOrNull } from "./sql-values";

/** A heatmap click waiting for D1, with when its chunk was received (the server's clock ages the buffer). */
export interface BufferedClick extends HeatmapClick {
  receivedAt: number;
}

const STATE = "insight_state";
const HELD = "insight_held";
const DECIDED = "insight_decided";
const CLICKS = "heatmap_buffer";

/**
 * What insight detection keeps in the session's object (its SQLite, so it survives eviction and
 * `deleteAll()` on erasure drops it): the detector's state and the next seq it reads, digests of
 * chunks that arrived ahead of a missing seq, insights decided but not yet in D1, and heatmap
 * clicks buffered until an index flush writes them as cells. Tables are made on the first write.
 */
export class InsightTable {
  private readonly tables: LazyTables;
  /** The detector's state and next seq, read from SQLite once per object life (a chunk then parses nothing). */
  private current: { state: InsightState; nextSeq: number } | null = null;

  constructor(private readonly sql: SqlStorage) {
    this.tables = new LazyTables(sql, STATE, [
      `CREATE TABLE IF NOT EXISTS ${HELD} (seq INTEGER PRIMARY KEY, digest TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${DECIDED} (insight TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${CLICKS} (url TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, next_seq INTEGER NOT NULL)`,
    ]);
  }

  /** The detector's state and the seq it reads next (0 and a fresh state before the first chunk). */
  read(): { state: InsightState; nextSeq: number } {
    this.current ??= this.load();
    return this.current;
  }

  /** Writes the state through to SQLite; the copy in memory is the one detection reads next. */
  write(state: InsightState, nextSeq: number): void {
    this.create();
    this.sql.exec(`INSERT OR REPLACE INTO ${STATE} (id, state, next_seq) VALUES (1, ?, ?)`, JSON.stringify(state), nextSeq);
    this.current = { state, nextSeq };
  }

  /** Forgets the state in memory (the next read parses SQLite's copy). */
  dropMemory(): void {
    this.current = null;
  }

  /** Keeps a digest that arrived ahead of a missing seq. */
  hold(seq: number, digest: InsightDigest): void {
    this.create();
    this.sql.exec(`INSERT OR REPLACE INTO ${HELD} (seq, digest) VALUES (?, ?)`, seq, JSON.stringify(digest));
  }

  /** The held digests, in seq order. */
  held(): Array<{ seq: number; digest: InsightDigest }> {
    if (!this.ready()) return [];
    return this.sql
      .exec(`SELECT seq, digest FROM ${HELD} ORDER BY seq`)
      .toArray()
      .map((r) => ({ seq: numberOrNull(r.seq) ?? 0, digest: JSON.parse(stringOrNull(r.digest) ?? "[]") as InsightDigest }));
  }

  release(seq: number): void {
    if (this.ready()) this.sql.exec(`DELETE FROM ${HELD} WHERE seq = ?`, seq);
  }

  /** Keeps what a chunk decided until the next flush. */
  add(insights: readonly StoredInsight[], clicks: readonly HeatmapClick[], receivedAt: number): void {
    if (insights.length === 0 && clicks.length === 0) return;
    this.create();
    for (const i of insights) this.sql.exec(`INSERT INTO ${DECIDED} (insight) VALUES (?)`, JSON.stringify(i));
    for (const c of clicks) this.sql.exec(`INSERT INTO ${CLICKS} (url, x, y, at, received_at) VALUES (?, ?, ?, ?, ?)`, c.url, c.x, c.y, c.at, receivedAt);
  }

  /** Insights decided and not yet in D1, in the order they were decided. */
  decided(): StoredInsight[] {
    if (!this.ready()) return [];
    return this.sql
      .exec(`SELECT insight FROM ${DECIDED} ORDER BY rowid`)
      .toArray()
      .map((r) => JSON.parse(stringOrNull(r.insight) ?? "null") as StoredInsight);
  }

  /** Buffered heatmap clicks, oldest first. */
  clicks(): BufferedClick[] {
    if (!this.ready()) return [];
    return this.sql
      .exec(`SELECT url, x, y, at, received_at FROM ${CLICKS} ORDER BY rowid`)
      .toArray()
      .map((r) => ({
        url: stringOrNull(r.url) ?? "",
        x: numberOrNull(r.x) ?? 0,
        y: numberOrNull(r.y) ?? 0,
        at: numberOrNull(r.at) ?? 0,
        receivedAt: numberOrNull(r.received_at) ?? 0,
      }));
  }

  /** When the oldest buffered click's chunk was received, or null when none waits. */
  oldestClickAt(): number | null {
    if (!this.ready()) return null;
    const [r] = this.sql.exec(`SELECT MIN(received_at) AS at FROM ${CLICKS}`).toArray();
    return numberOrNull(r?.at);
  }

  /** Whether decided insights wait for D1. */
  hasDecided(): boolean {
    return this.ready() && this.sql.exec(`SELECT 1 FROM ${DECIDED} LIMIT 1`).toArray().length > 0;
  }

  /** D1 has them now. */
  markWritten(what: { insights: boolean; clicks: boolean }): void {
    if (!this.ready()) return;
    if (what.insights) this.sql.exec(`DELETE FROM ${DECIDED}`);
    if (what.clicks) this.sql.exec(`DELETE FROM ${CLICKS}`);
  }

  /** Call after `deleteAll()`: the tables are gone. */
  forget(): void {
    this.tables.forget();
    this.current = null;
  }

  private load(): { state: InsightState; nextSeq: number } {
    if (!this.ready()) return { state: startInsights(), nextSeq: 0 };
    const [r] = this.sql.exec(`SELECT state, next_seq FROM ${STATE} WHERE id = 1`).toArray();
    const json = stringOrNull(r?.state);
    return { state: json ? (JSON.parse(json) as InsightState) : startInsights(), nextSeq: numberOrNull(r?.next_seq) ?? 0 };
  }

  private ready(): boolean {
    return this.tables.ready();
  }

  private create(): void {
    this.tables.create();
  }
}
