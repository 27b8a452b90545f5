import type { Database } from "../db/client";
import { addMetricCounts, minuteOf, type MetricIncrement, type MetricName } from "../db/metrics-queries";
import { describeError, log } from "../log";

/**
 * Longest a count (a refused upload, a stored chunk's uploads/events/bytes) waits in memory before
 * it is written. This isolate writes the counts at most once per interval, however many uploads
 * arrive: a flood becomes one D1 write per isolate and interval, not one per request (issues 9
 * and 10). Short, so the metrics API is at most this far behind.
 */
export const METRIC_FLUSH_INTERVAL_MS = 2_000;
/** Most distinct (minute, code) counts held while D1 refuses writes; older ones are dropped. */
const MAX_PENDING_COUNTS = 1_000;

/** The part of an execution context the tally needs. */
type Background = { waitUntil(promise: Promise<unknown>): void };

/**
 * Counts waiting to be written, by minute and code. Per-isolate state on purpose: it lives only to
 * merge writes; a count lost with an evicted isolate is at most one interval's worth.
 */
const pending = new Map<string, { minute: number; name: MetricName; label: string; value: number }>();
let lastFlushAt = -Infinity;
let flushScheduled = false;

function add(minute: number, name: MetricName, label: string, value: number) {
  if (value <= 0) return;
  const key = `${minute}|${name}|${label}`;
  const entry = pending.get(key);
  if (entry) entry.value += value;
  else if (pending.size < MAX_PENDING_COUNTS) pending.set(key, { minute, name, label, value });
}

async function flush(db: Database): Promise<void> {
  flushScheduled = false;
  lastFlushAt = Date.now();
  const counts = [...pending.values()];
  pending.clear();
  if (counts.length === 0) return;
  try {
    await addMetricCounts(db, counts);
  } catch (err) {
    // Kept for the next flush: D1 is usually back within seconds.
    for (const c of counts) add(c.minute, c.name, c.label, c.value);
    log.warn("metrics write failed", { error: describeError(err) });
  }
}

/**
 * Counts increments in the minute of `now` (metrics §5). The first after a quiet interval is
 * written at once; later ones are merged and written together when the interval ends, through
 * `ctx.waitUntil` of the request that found the tally idle.
 */
export function tallyMetrics(db: Database, ctx: Background, increments: MetricIncrement[], now: number): void {
  for (const i of increments) add(minuteOf(now), i.name, i.label ?? "", i.value);
  if (flushScheduled) return;
  flushScheduled = true;
  const wait = lastFlushAt + METRIC_FLUSH_INTERVAL_MS - Date.now();
  ctx.waitUntil(wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)).then(() => flush(db)) : flush(db));
}

/** Counts one refused upload under its error code (see tallyMetrics). */
export function tallyRejection(db: Database, ctx: Background, code: string, now: number): void {
  tallyMetrics(db, ctx, [{ name: "rejected", label: code, value: 1 }], now);
}
