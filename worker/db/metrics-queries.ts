import { asc, gte, lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { metrics } from "./schema";
import { MINUTE_MS } from "../time-units";

/** Counter names kept per minute. */
export type MetricName =
  | "events"
  | "uploads"
  | "bytes"
  | "rejected"
  | "capture_errors"
  | "retention_erased"
  | "deletion_erased"
  | "window_dropped"
  | "orphans_reaped"
  // What the server's ingest scan redacted, labelled by class (email, phone, card, secret, url…).
  | "server_redactions";

/** One increment: `label` splits a counter, e.g. rejected uploads by error code. */
export interface MetricIncrement {
  name: MetricName;
  label?: string;
  value: number;
}

/** A minute bucket as D1 stores it. */
export type MetricRow = typeof metrics.$inferSelect;

/** Each counter row binds 4 parameters; D1 allows 100 per statement. */
const ROWS_PER_STATEMENT = 25;

/** The start of the minute bucket `at` falls in. */
export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** Increments for given minute buckets (e.g. counts gathered over a few seconds, then written at once). */
export type MetricCount = MetricIncrement & { minute: number };

/** Adds counts to their minute buckets with upserts (one D1 batch), so concurrent isolates add up. */
export async function addMetricCounts(db: Database, counts: MetricCount[]): Promise<void> {
  const rows = counts.filter((i) => i.value > 0).map((i) => ({ minute: i.minute, name: i.name, label: i.label ?? "", value: i.value }));
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    statements.push(
      db
        .insert(metrics)
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflictDoUpdate({ target: [metrics.minute, metrics.name, metrics.label], set: { value: sql`${metrics.value} + excluded.value` } }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Adds increments to the minute bucket of `now`. */
export function addMetrics(db: Database, now: number, increments: MetricIncrement[]): Promise<void> {
  return addMetricCounts(
    db,
    increments.map((i) => ({ ...i, minute: minuteOf(now) })),
  );
}

/** Counters from `since` on, per minute, for the metrics API. */
export function readMetrics(db: Database, since: number): Promise<MetricRow[]> {
  return db.select().from(metrics).where(gte(metrics.minute, since)).orderBy(asc(metrics.minute));
}

/** Drops minute buckets older than `before`, so the table stays bounded. */
export async function pruneMetrics(db: Database, before: number): Promise<number> {
  const result = await db.delete(metrics).where(lt(metrics.minute, before));
  return result.meta.changes ?? 0;
}
