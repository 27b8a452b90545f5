import { RETRY_BASE_MS, RETRY_MAX_MS } from "../constants";

/** Exponential backoff with "equal jitter" (half fixed, half random): spreads the retries of many tabs after an outage yet never retries at once. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
