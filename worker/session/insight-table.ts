import type { StoredInsight } from "../db/insight-queries";
import { startInsights, type InsightState } from "../insights/detect-insights";
import { nodesRevision, type TrackedNodes } from "../insights/tracked-nodes";
import type { InsightDigest } from "../insights/insight-digest";
import type { HeatmapClick } from "../insights/page-clicks";
import { LazyTables, numberOrNull, stringOrNull } from "./sql-values";

/** A heatmap click waiting for D1, with when its chunk was received (the server's clock ages the buffer). */
export interface BufferedClick extends HeatmapClick {
  receivedAt: number;
}

const STATE = "insight_state";
/** The detector's node map, apart from the rest of its state: written only when a chunk changed it. */
const NODES = "insight_nodes";
const HELD = "insight_held";
const DECIDED = "insight_decided";
const CLICKS = "heatmap_buffer";
const DDL: Record<string, string> = {
  [STATE]: `CREATE TABLE IF NOT EXISTS ${STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, next_seq INTEGER NOT NULL)`,
  [NODES]: `CREATE TABLE IF NOT EXISTS ${NODES} (id INTEGER PRIMARY KEY CHECK (id = 1), nodes TEXT NOT NULL)`,
  [HELD]: `CREATE TABLE IF NOT EXISTS ${HELD} (seq INTEGER PRIMARY KEY, digest TEXT NOT NULL)`,
  [DECIDED]: `CREATE TABLE IF NOT EXISTS ${DECIDED} (insight TEXT NOT NULL)`,
  [CLICKS]: `CREATE TABLE IF NOT EXISTS ${CLICKS} (url TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL)`,
};

/**
 * What insight detection keeps in the session's object (its SQLite, so it survives eviction and
 * `deleteAll()` on erasure drops it): the detector's state and the next seq it reads, digests of
 * chunks that arrived ahead of a missing seq, insights decided but not yet in D1, and heatmap
 * clicks buffered until an index flush writes them as cells. Tables are made on the first write.
 * A chunk costs one small write of the state (its node map only when the chunk changed it) and
 * one insert each for its insights and its clicks, whatever their number.
 */
export class InsightTable {
  /** Each table is made at its first write: a new object's schema changes are its costliest writes, and most sessions never hold a digest or decide an insight. */
  private readonly tables: Record<string, LazyTables>;
  /** The detector's state and next seq, read from SQLite once per object life (a chunk then parses nothing). */
  private current: { state: InsightState; nextSeq: number } | null = null;
  /** What SQLite holds of the state, so an unchanged part is not written again. */
  private stored: { nodes: TrackedNodes; revision: number; rest: string; nextSeq: number } | null = null;
  /** Whether decided insights wait, and when the oldest buffered click arrived: undefined until read. */
  private waiting: { decided: boolean; oldestClickAt: number | null } | undefined = undefined;

  constructor(private readonly sql: SqlStorage) {
    this.tables = Object.fromEntries(Object.entries(DDL).map(([name, ddl]) => [name, new LazyTables(sql, name, [ddl])]));
  }

  /** The detector's state and the seq it reads next (0 and a fresh state before the first chunk). */
  read(): { state: InsightState; nextSeq: number } {
    this.current ??= this.load();
    return this.current;
  }

  /** Writes the state through to SQLite; the copy in memory is the one detection reads next. */
  write(state: InsightState, nextSeq: number): void {
    const { nodes, ...others } = state;
    const revision = nodesRevision(nodes);
    const rest = JSON.stringify(others);
    const before = this.stored;
    if (before?.nodes !== nodes || before.revision !== revision) {
      this.create(NODES);
      this.sql.exec(`INSERT OR REPLACE INTO ${NODES} (id, nodes) VALUES (1, ?)`, JSON.stringify(nodes));
    }
    if (before?.rest !== rest || before.nextSeq !== nextSeq) {
      this.create(STATE);
      this.sql.exec(`INSERT OR REPLACE INTO ${STATE} (id, state, next_seq) VALUES (1, ?, ?)`, rest, nextSeq);
    }
    this.stored = { nodes, revision, rest, nextSeq };
    this.current = { state, nextSeq };
  }

  /** Forgets the state in memory (the next read parses SQLite's copy). */
  dropMemory(): void {
    this.current = null;
    this.stored = null;
  }

  /** Keeps a digest that arrived ahead of a missing seq. */
  hold(seq: number, digest: InsightDigest): void {
    this.create(HELD);
    this.sql.exec(`INSERT OR REPLACE INTO ${HELD} (seq, digest) VALUES (?, ?)`, seq, JSON.stringify(digest));
  }

  /** The held digests, in seq order. */
  held(): Array<{ seq: number; digest: InsightDigest }> {
    if (!this.ready(HELD)) return [];
    return this.sql
      .exec(`SELECT seq, digest FROM ${HELD} ORDER BY seq`)
      .toArray()
      .map((r) => ({ seq: numberOrNull(r.seq) ?? 0, digest: JSON.parse(stringOrNull(r.digest) ?? "[]") as InsightDigest }));
  }

  release(seq: number): void {
    if (this.ready(HELD)) this.sql.exec(`DELETE FROM ${HELD} WHERE seq = ?`, seq);
  }

  /** Keeps what a chunk decided until the next flush. */
  add(insights: readonly StoredInsight[], clicks: readonly HeatmapClick[], receivedAt: number): void {
    if (insights.length === 0 && clicks.length === 0) return;
    const waiting = this.readWaiting();
    if (insights.length > 0) {
      this.create(DECIDED);
      // json_each keeps the array's order in rowid, which is the order decided() reads back.
      this.sql.exec(`INSERT INTO ${DECIDED} (insight) SELECT value FROM json_each(?) ORDER BY key`, JSON.stringify(insights));
      waiting.decided = true;
    }
    if (clicks.length > 0) {
      this.create(CLICKS);
      const rows = clicks.map((c) => [c.url, c.x, c.y, c.at]);
      this.sql.exec(
        `INSERT INTO ${CLICKS} (url, x, y, at, received_at)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, ? FROM json_each(?) ORDER BY key`,
        receivedAt,
        JSON.stringify(rows),
      );
      waiting.oldestClickAt = Math.min(waiting.oldestClickAt ?? receivedAt, receivedAt);
    }
  }

  /** Insights decided and not yet in D1, in the order they were decided. */
  decided(): StoredInsight[] {
    if (!this.ready(DECIDED)) return [];
    return this.sql
      .exec(`SELECT insight FROM ${DECIDED} ORDER BY rowid`)
      .toArray()
      .map((r) => JSON.parse(stringOrNull(r.insight) ?? "null") as StoredInsight);
  }

  /** Buffered heatmap clicks, oldest first. */
  clicks(): BufferedClick[] {
    if (!this.ready(CLICKS)) return [];
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
    return this.readWaiting().oldestClickAt;
  }

  /** Whether decided insights wait for D1. */
  hasDecided(): boolean {
    return this.readWaiting().decided;
  }

  /** D1 has them now. */
  markWritten(what: { insights: boolean; clicks: boolean }): void {
    const waiting = this.readWaiting();
    if (what.insights && this.ready(DECIDED)) {
      this.sql.exec(`DELETE FROM ${DECIDED}`);
      waiting.decided = false;
    }
    if (what.clicks && this.ready(CLICKS)) {
      this.sql.exec(`DELETE FROM ${CLICKS}`);
      waiting.oldestClickAt = null;
    }
  }

  /** Call after `deleteAll()`: the tables are gone. */
  forget(): void {
    for (const table of Object.values(this.tables)) table.forget();
    this.current = null;
    this.stored = null;
    this.waiting = { decided: false, oldestClickAt: null };
  }

  /** Read from SQLite once per object life, then kept by add() and markWritten(). */
  private readWaiting(): { decided: boolean; oldestClickAt: number | null } {
    if (this.waiting) return this.waiting;
    const [d] = this.ready(DECIDED) ? this.sql.exec(`SELECT EXISTS (SELECT 1 FROM ${DECIDED}) AS decided`).toArray() : [];
    const [c] = this.ready(CLICKS) ? this.sql.exec(`SELECT MIN(received_at) AS oldest FROM ${CLICKS}`).toArray() : [];
    this.waiting = { decided: d?.decided === 1, oldestClickAt: numberOrNull(c?.oldest) };
    return this.waiting;
  }

  private load(): { state: InsightState; nextSeq: number } {
    if (!this.ready(STATE)) return { state: startInsights(), nextSeq: 0 };
    const [r] = this.sql.exec(`SELECT state, next_seq FROM ${STATE} WHERE id = 1`).toArray();
    const json = stringOrNull(r?.state);
    if (!json) return { state: startInsights(), nextSeq: 0 };
    // Objects written before the node table keep the map inside the state.
    const parsed = JSON.parse(json) as Omit<InsightState, "nodes"> & { nodes?: TrackedNodes };
    const [n] = this.ready(NODES) ? this.sql.exec(`SELECT nodes FROM ${NODES} WHERE id = 1`).toArray() : [];
    const nodesJson = stringOrNull(n?.nodes);
    const nodes = parsed.nodes ?? (nodesJson ? (JSON.parse(nodesJson) as TrackedNodes) : {});
    const nextSeq = numberOrNull(r?.next_seq) ?? 0;
    if (!parsed.nodes) this.stored = { nodes, revision: nodesRevision(nodes), rest: json, nextSeq };
    return { state: { ...parsed, nodes }, nextSeq };
  }

  private ready(table: string): boolean {
    return this.tables[table]?.ready() ?? false;
  }

  private create(table: string): void {
    this.tables[table]?.create();
  }
}
