import { asc, gte, lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { metrics } from "./schema";

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

const MINUTE_MS = 60_000;

/** Adds increments to their minute buckets in one upsert, so concurrent isolates add up. */
export async function addMetrics(db: Database, now: number, increments: MetricIncrement[]): Promise<void> {
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const live = increments.filter((i) => i.value > 0);
  if (live.length === 0) return;
  await db
    .insert(metrics)
    .values(live.map((i) => ({ minute, name: i.name, label: i.label ?? "", value: i.value })))
    .onConflictDoUpdate({ target: [metrics.minute, metrics.name, metrics.label], set: { value: sql`${metrics.value} + excluded.value` } });
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
