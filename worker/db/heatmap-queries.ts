import { and, desc, eq, gte, lt, lte, not, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { jsonItem, selectJsonRows } from "./json-list";
import { heatmapCells, heatmapPages } from "./schema";
import type { HeatmapClick } from "../insights/page-clicks";
import { DAY_MS, HOUR_MS } from "../time-units";

/** Width and height of a heatmap cell in percentage points (contract §12: at most 2). */
export const HEATMAP_CELL_PERCENT = 2;
/** Cells per row and per column. */
const CELLS = 100 / HEATMAP_CELL_PERCENT;
/** The `span` column's codes: a cell row counts one hour or one UTC day. */
const SPAN = { HOUR: 0, DAY: 1 } as const;
/** Cell rows per statement: keeps each bound JSON list far below D1's 2 MB value limit. */
const ROWS_PER_STATEMENT = 5_000;
/** Pages the picker lists at most. */
const PAGES_MAX = 50;

/** One click to count: its session and page, position in percent of the viewport, event time and device code. */
export interface HeatmapClickRow extends HeatmapClick {
  sessionId: string;
  device: number;
}

function toCell(percent: number): number {
  return Math.min(CELLS - 1, Math.max(0, Math.floor(percent / HEATMAP_CELL_PERCENT)));
}

/** Counts the clicks per (page, hour, device, cell) and per page, so the statements carry cells, not clicks. */
function groupClicks(rows: readonly HeatmapClickRow[]) {
  const cells = new Map<string, [string, number, number, number, number, number]>();
  const pages = new Map<string, [string, number, number, string]>();
  for (const r of rows) {
    const hour = Math.floor(r.at / HOUR_MS) * HOUR_MS;
    const key = JSON.stringify([r.url, hour, r.device, toCell(r.x), toCell(r.y)]);
    const cell = cells.get(key);
    if (cell) cell[5]++;
    else cells.set(key, [r.url, hour, r.device, toCell(r.x), toCell(r.y), 1]);
    const page = pages.get(r.url);
    if (!page) pages.set(r.url, [r.url, 1, r.at, r.sessionId]);
    else {
      page[1]++;
      if (r.at >= page[2]) [page[2], page[3]] = [r.at, r.sessionId];
    }
  }
  return { cells: [...cells.values()], pages: [...pages.values()] };
}

const cellKey = [heatmapCells.pageUrl, heatmapCells.span, heatmapCells.bucketStart, heatmapCells.device, heatmapCells.cellX, heatmapCells.cellY];

// D1 binds JS numbers as REAL, so the day's length is inlined: bound, it made `/` a real division and each hour its own "day" row.
const DAY_SQL = sql.raw(String(DAY_MS));

/**
 * Each cell counted in its hour and in its UTC day, in one statement (json_each joined with both
 * spans; SQLite's upsert goes row by row, so the hours of one day add up). `guard` is the
 * condition every row needs (`true`: none). `WHERE` keeps SQLite's parser from reading ON CONFLICT
 * as a join condition.
 */
function upsertCells(db: Database, list: string, guard: SQL) {
  const hour = sql`json_extract(value, '$[1]')`;
  return db
    .insert(heatmapCells)
    .select((qb) =>
      qb
        .select({
          pageUrl: jsonItem(0, "page_url"),
          span: sql<number>`spans.span`.as("span"),
          bucketStart: sql<number>`CASE spans.span WHEN ${SPAN.HOUR} THEN ${hour} ELSE (${hour} / ${DAY_SQL}) * ${DAY_SQL} END`.as("bucket_start"),
          device: jsonItem(2, "device"),
          cellX: jsonItem(3, "cell_x"),
          cellY: jsonItem(4, "cell_y"),
          count: jsonItem(5, "count"),
        })
        .from(sql`json_each(${list}) JOIN (SELECT ${SPAN.HOUR} AS span UNION ALL SELECT ${SPAN.DAY}) AS spans`)
        .where(guard),
    )
    .onConflictDoUpdate({ target: cellKey, set: { count: sql`${heatmapCells.count} + excluded.count` } });
}

function upsertPages(db: Database, list: string, guard: SQL) {
  return db
    .insert(heatmapPages)
    .select((qb) =>
      selectJsonRows(qb, list, guard, {
        pageUrl: jsonItem(0, "page_url"),
        clicks: jsonItem(1, "clicks"),
        lastClickAt: jsonItem(2, "last_click_at"),
        sampleSessionId: jsonItem(3, "sample_session_id"),
      }),
    )
    .onConflictDoUpdate({
      target: heatmapPages.pageUrl,
      set: {
        clicks: sql`${heatmapPages.clicks} + excluded.clicks`,
        lastClickAt: sql`MAX(${heatmapPages.lastClickAt}, excluded.last_click_at)`,
        sampleSessionId: sql`CASE WHEN excluded.last_click_at >= ${heatmapPages.lastClickAt} OR ${heatmapPages.sampleSessionId} IS NULL THEN excluded.sample_session_id ELSE ${heatmapPages.sampleSessionId} END`,
      },
    });
}

/**
 * The statements that count many clicks into the heatmap: the clicks are grouped into cells first,
 * and each statement upserts a whole JSON list of them (json_each), so 100,000 clicks on a page in
 * one hour are at most 2,500 cell rows, not 100,000 statements. `guard` is a condition the writes
 * need (the session's object passes "its session is still there", so an erased session's clicks
 * are not counted). Not idempotent: the caller (the session's object) feeds each chunk once.
 */
export function heatmapStatements(db: Database, rows: readonly HeatmapClickRow[], guard: SQL = sql`true`) {
  if (rows.length === 0) return [];
  const { cells, pages } = groupClicks(rows);
  const parts: string[] = [];
  for (let i = 0; i < cells.length; i += ROWS_PER_STATEMENT) parts.push(JSON.stringify(cells.slice(i, i + ROWS_PER_STATEMENT)));
  return [upsertPages(db, JSON.stringify(pages), guard), ...parts.map((list) => upsertCells(db, list, guard))];
}

/** Counts many clicks into the heatmap in one D1 batch (seeding and tests; the object writes them with its index). */
export async function addHeatmapClicks(db: Database, rows: readonly HeatmapClickRow[]): Promise<void> {
  const [first, ...rest] = heatmapStatements(db, rows);
  if (first) await db.batch([first, ...rest]);
}

/** A heatmap query: one page, event times from/to (inclusive), optionally one device code. */
export interface HeatmapQuery {
  url: string;
  from: number;
  to: number;
  device?: number;
}

/**
 * Which buckets a range reads: every hour it overlaps counts whole (clicks are kept by the hour),
 * from day rows for the days all of whose hours it overlaps and from hour rows for the rest.
 */
function bucketsOf(q: HeatmapQuery) {
  const firstHour = Math.floor(q.from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(q.to / HOUR_MS) * HOUR_MS;
  const fullDaysFrom = Math.ceil(firstHour / DAY_MS) * DAY_MS;
  const fullDaysTo = Math.floor((lastHour + HOUR_MS) / DAY_MS) * DAY_MS;
  const inFullDays = and(gte(heatmapCells.bucketStart, fullDaysFrom), lt(heatmapCells.bucketStart, fullDaysTo));
  return or(
    and(eq(heatmapCells.span, SPAN.DAY), inFullDays),
    and(eq(heatmapCells.span, SPAN.HOUR), gte(heatmapCells.bucketStart, firstHour), lte(heatmapCells.bucketStart, lastHour), not(inFullDays ?? sql`0`)),
  );
}

/** A page's heatmap: click counts per cell, x and y the cell's centre in percent; counts add up to `clicks`. */
export async function readHeatmap(db: Database, q: HeatmapQuery) {
  const rows = await db
    .select({ cellX: heatmapCells.cellX, cellY: heatmapCells.cellY, count: sql<number>`SUM(${heatmapCells.count})`.mapWith(Number) })
    .from(heatmapCells)
    .where(and(eq(heatmapCells.pageUrl, q.url), q.device !== undefined ? eq(heatmapCells.device, q.device) : undefined, bucketsOf(q)))
    .groupBy(heatmapCells.cellX, heatmapCells.cellY);
  const half = HEATMAP_CELL_PERCENT / 2;
  const points = rows.map((r) => ({ x: r.cellX * HEATMAP_CELL_PERCENT + half, y: r.cellY * HEATMAP_CELL_PERCENT + half, count: r.count }));
  return { url: q.url, clicks: points.reduce((sum, p) => sum + p.count, 0), points };
}

/** Pages with clicks, most clicked first; `search` keeps those whose URL contains it (any case). */
export function listHeatmapPages(db: Database, search?: string) {
  return db
    .select({ url: heatmapPages.pageUrl, clicks: heatmapPages.clicks, lastClickAt: heatmapPages.lastClickAt, sampleSessionId: heatmapPages.sampleSessionId })
    .from(heatmapPages)
    .where(search ? sql`instr(lower(${heatmapPages.pageUrl}), lower(${search})) > 0` : undefined)
    .orderBy(desc(heatmapPages.clicks), heatmapPages.pageUrl)
    .limit(PAGES_MAX);
}

/**
 * Forgets heatmap buckets that started before `before` (the cron's retention; the start of a UTC
 * day, so hour and day rows go together) and pages with no click since, then recounts the pages'
 * totals, which counted the pruned clicks too: what a page has left is in its day rows (a pass
 * over every day row, so the caller prunes once a day). Returns the cell rows deleted.
 */
export async function pruneHeatmap(db: Database, before: number): Promise<number> {
  // One batch, so a failure leaves no deleted cells behind an unrecounted total.
  const [cells] = await db.batch([
    db.delete(heatmapCells).where(lt(heatmapCells.bucketStart, before)),
    db.delete(heatmapPages).where(lt(heatmapPages.lastClickAt, before)),
    db.update(heatmapPages).set({
      clicks: sql`(SELECT COALESCE(SUM(c.count), 0) FROM heatmap_cells AS c WHERE c.page_url = heatmap_pages.page_url AND c.span = ${sql.raw(String(SPAN.DAY))})`,
    }),
  ]);
  return cells.meta.changes ?? 0;
}

/** Stops naming an erased session as a page's sample (it is an id, but nothing of it is left to show). */
export function forgetHeatmapSample(db: Database, sessionId: string) {
  return db.update(heatmapPages).set({ sampleSessionId: null }).where(eq(heatmapPages.sampleSessionId, sessionId));
}
