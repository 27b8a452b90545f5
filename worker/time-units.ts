/** Lengths of time in milliseconds: the cron's windows, retention, share links and heatmap buckets. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
