import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../../worker/time-units";

/** Time units in milliseconds, for readable test times (the worker's own, and a second). */
export const SECOND_MS = 1000;
export { DAY_MS, HOUR_MS, MINUTE_MS };

/** The timeout of a test of a hundred or so sequential uploads: a hang guard, generous on a loaded 2-core machine, never a speed check. */
export const SEQUENTIAL_WORK_TIMEOUT_MS = 2 * MINUTE_MS;

/** Median wall time of `runs` sequential calls of `work`, in ms: for relative (never absolute) timing checks. */
export async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Waits, when needed, until at least `needMs` are left in the wall clock's current minute: the
 * local rate limiters count in fixed minute windows, so a test that spends a budget must not
 * cross a boundary (its count would start again). Waits at most a minute; give such tests a
 * timeout with that much room (LIMIT_WINDOW_TIMEOUT_MS).
 */
export async function freshLimitWindow(needMs = 50 * SECOND_MS): Promise<void> {
  const left = MINUTE_MS - (Date.now() % MINUTE_MS);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/** A test timeout with room for freshLimitWindow's wait and the work after it. */
export const LIMIT_WINDOW_TIMEOUT_MS = 2 * MINUTE_MS;
