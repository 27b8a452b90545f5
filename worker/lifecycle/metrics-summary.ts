import type { Database } from "../db/client";
import { readMetrics } from "../db/metrics-queries";
import { HOUR_MS, MINUTE_MS } from "../time-units";

/** The last hour of counters (contract §5): totals, per-minute series, rejections by code and server redactions by class. */
export async function metricsSummary(db: Database, now: number) {
  const since = Math.floor((now - HOUR_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const rows = await readMetrics(db, since);
  const totals: Record<string, number> = {
    events: 0,
    uploads: 0,
    bytes: 0,
    rejected: 0,
    capture_errors: 0,
    retention_erased: 0,
    deletion_erased: 0,
    orphans_reaped: 0,
  };
  const rejectedByCode: Record<string, number> = {};
  const serverRedactions: Record<string, number> = {};
  const minutes = Array.from({ length: 60 }, (_, i) => ({ minute: since + i * MINUTE_MS, events: 0, uploads: 0, bytes: 0, rejected: 0, captureErrors: 0 }));
  for (const r of rows) {
    totals[r.name] = (totals[r.name] ?? 0) + r.value;
    if (r.name === "rejected") rejectedByCode[r.label] = (rejectedByCode[r.label] ?? 0) + r.value;
    if (r.name === "server_redactions") serverRedactions[r.label] = (serverRedactions[r.label] ?? 0) + r.value;
    const slot = minutes[Math.floor((r.minute - since) / MINUTE_MS)];
    if (!slot) continue;
    if (r.name === "events") slot.events += r.value;
    else if (r.name === "uploads") slot.uploads += r.value;
    else if (r.name === "bytes") slot.bytes += r.value;
    else if (r.name === "rejected") slot.rejected += r.value;
    else if (r.name === "capture_errors") slot.captureErrors += r.value;
  }
  return {
    window: { from: since, to: since + HOUR_MS, minutes: 60 },
    eventsPerMinute: totals.events / 60,
    uploads: totals.uploads,
    bytes: totals.bytes,
    events: totals.events,
    captureFailures: totals.capture_errors,
    rejected: totals.rejected,
    rejectedByCode,
    /** What the ingest scan redacted in events the recorder had left as they were, by class. */
    serverRedactions,
    lifecycle: { retentionErased: totals.retention_erased, deletionErased: totals.deletion_erased, orphansReaped: totals.orphans_reaped },
    perMinute: minutes,
  };
}
