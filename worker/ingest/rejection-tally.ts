import type { Database } from "../db/client";
import { addMetricCounts, minuteOf } from "../db/metrics-queries";
import { describeError, log } from "../log";

/**
 * Longest a refused upload waits in memory before its count is written. This isolate writes the
 * counts at most once per interval, however many refusals arrive: a flood of bad requests becomes
 * one D1 write per isolate and interval, not one per request (issue 9). Short, so the metrics API
 * is at most this far behind.
 */
export const REJECTION_FLUSH_INTERVAL_MS = 2_000;
/** Most distinct (minute, code) counts held while D1 refuses writes; older ones are dropped. */
const MAX_PENDING_COUNTS = 1_000;

/** The part of an execution context the tally needs. */
type Background = { waitUntil(promise: Promise<unknown>): void };

/**
 * Counts waiting to be written, by minute and code. Per-isolate state on purpose: it lives only to
 * merge writes; a count lost with an evicted isolate is at most one interval's worth.
 */
const pending = new Map<string, { minute: number; code: string; value: number }>();
let lastFlushAt = -Infinity;
let flushScheduled = false;

function add(minute: number, code: string, value: number) {
  const key = `${minute}|${code}`;
  const entry = pending.get(key);
  if (entry) entry.value += value;
  else if (pending.size < MAX_PENDING_COUNTS) pending.set(key, { minute, code, value });
}

async function flush(db: Database): Promise<void> {
  flushScheduled = false;
  lastFlushAt = Date.now();
  const counts = [...pending.values()];
  pending.clear();
  if (counts.length === 0) return;
  try {
    await addMetricCounts(
      db,
      counts.map((c) => ({ minute: c.minute, name: "rejected", label: c.code, value: c.value })),
    );
  } catch (err) {
    // Kept for the next flush: D1 is usually back within seconds.
    for (const c of counts) add(c.minute, c.code, c.value);
    log.warn("metrics write failed", { error: describeError(err) });
  }
}

/**
 * Counts one refused upload under its error code (metrics §5). The first refusal after a quiet
 * interval is written at once; later ones are merged and written together when the interval ends,
 * through `ctx.waitUntil` of the request that found the tally idle.
 */
export function tallyRejection(db: Database, ctx: Background, code: string, now: number): void {
  add(minuteOf(now), code, 1);
  if (flushScheduled) return;
  flushScheduled = true;
  const wait = lastFlushAt + REJECTION_FLUSH_INTERVAL_MS - Date.now();
  ctx.waitUntil(wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)).then(() => flush(db)) : flush(db));
}
