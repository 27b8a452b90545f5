import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { runBatch } from "./batch";

/** Counter names kept per minute. */
export type MetricName = "events" | "uploads" | "bytes" | "rejected" | "capture_errors" | "retention_erased" | "deletion_erased" | "window_dropped" | "orphans_reaped";

/** One increment: `label` splits a counter, e.g. rejected uploads by error code. */
export interface MetricIncrement {
  name: MetricName;
  label?: string;
  value: number;
}

const MINUTE_MS = 60_000;

/** Adds increments to their minute buckets (upserts, so concurrent isolates add up). */
export async function addMetrics(db: Database, now: number, increments: MetricIncrement[]): Promise<void> {
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const live = increments.filter((i) => i.value > 0);
  if (live.length === 0) return;
  await runBatch(
    db,
    live.map((i) => sql`INSERT INTO metrics (minute, name, label, value) VALUES (${minute}, ${i.name}, ${i.label ?? ""}, ${i.value})
      ON CONFLICT (minute, name, label) DO UPDATE SET value = value + excluded.value`),
  );
}

/** Counters from `since` on, per minute, for the metrics API. */
export async function readMetrics(db: Database, since: number) {
  return db.all<{ minute: number; name: string; label: string; value: number }>(
    sql`SELECT minute, name, label, value FROM metrics WHERE minute >= ${since} ORDER BY minute`,
  );
}

/** Drops minute buckets older than `before`, so the table stays bounded. */
export async function pruneMetrics(db: Database, before: number): Promise<number> {
  const result = await db.run(sql`DELETE FROM metrics WHERE minute < ${before}`);
  return result.meta.changes ?? 0;
}
