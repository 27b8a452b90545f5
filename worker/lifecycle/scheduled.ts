import { readConfig } from "../config";
import { database } from "../db/client";
import { pruneMetrics } from "../db/metrics-queries";
import { pruneTombstones } from "../db/erasure-queries";
import { pruneAuditRows } from "../db/audit-queries";
import { describeError, log } from "../log";
import { processDeletionRequests } from "./deletion";
import { ERASE_BATCH_SESSIONS, finishErasures } from "./erase";
import { runRetention } from "./retention";
import { findMissingObjects, reapOrphans } from "./orphans";
import { rewrapDataKeys } from "./rotate-keys";
import { pruneOldHeatmap } from "./heatmap-retention";

/**
 * Wall time one run spends on batched work before it leaves the rest to the next run. Each batch
 * is ~100 R2/D1 calls, so this also keeps a run far below the per-invocation subrequest limit.
 */
const RUN_BUDGET_MS = 15_000;
const MAX_BATCHES_PER_STEP = 8;
/** How long per-minute counters are kept. */
const METRICS_KEEP_MS = 7 * 86_400_000;
/** How long an erased session's id is remembered to refuse late chunks. */
const TOMBSTONE_KEEP_MS = 30 * 86_400_000;
/** How long audit entries are kept, independently of the sessions they name (docs/operations.md). */
export const AUDIT_KEEP_MS = 400 * 86_400_000; // 400 days: a year of history plus a yearly review's slack

/** What one run did: a count per step (null for a step that failed), and the steps that failed. */
export interface ScheduledReport {
  deletionRequestsCompleted: number | null;
  erasuresFinished: number | null;
  retentionErased: number | null;
  orphansReaped: number | null;
  missingObjects: number | null;
  metricsPruned: number | null;
  keysRewrapped: number | null;
  tombstonesPruned: number | null;
  auditPruned: number | null;
  heatmapCellsPruned: number | null;
  failedSteps: string[];
}

type StepName = Exclude<keyof ScheduledReport, "failedSteps">;

/**
 * The cron's work, each step bounded and idempotent so an interrupted run is finished by the next:
 * deletion requests, unfinished erasures, retention, orphan reaping, pruning of old counters,
 * re-wrapping data keys after a master key rotation, forgetting old tombstones, old audit entries and old heatmap cells. Each step runs
 * on its own: one that throws is logged and reported, and the steps after it still run (a step
 * that failed on every run once kept everything after it from ever running, issue 9).
 */
export async function runScheduledWork(env: Env, now: number): Promise<ScheduledReport> {
  const config = readConfig(env);
  const db = database(env.DB);
  const deadline = Date.now() + RUN_BUDGET_MS;
  const hasTime = () => Date.now() < deadline;
  /** Repeats a batched step while it fills whole batches and time is left. */
  async function drain(step: () => Promise<number>) {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_STEP && hasTime(); i++) {
      const n = await step();
      total += n;
      if (n < ERASE_BATCH_SESSIONS) break;
    }
    return total;
  }
  const steps: Array<[StepName, () => Promise<number>]> = [
    ["deletionRequestsCompleted", () => processDeletionRequests(env, db, now, hasTime)],
    ["erasuresFinished", () => drain(() => finishErasures(env, db))],
    ["retentionErased", () => drain(() => runRetention(env, db, config.retentionDays, now))],
    ["orphansReaped", () => reapOrphans(env, db, now)],
    ["missingObjects", async () => (await findMissingObjects(env, db)).length],
    ["metricsPruned", () => pruneMetrics(db, now - METRICS_KEEP_MS)],
    ["keysRewrapped", async () => (await rewrapDataKeys(db, config)).rewrapped],
    ["tombstonesPruned", () => pruneTombstones(db, now - TOMBSTONE_KEEP_MS)],
    ["auditPruned", () => pruneAuditRows(db, now - AUDIT_KEEP_MS)],
    ["heatmapCellsPruned", () => pruneOldHeatmap(db, config.retentionDays, now)],
  ];
  const report: ScheduledReport = {
    deletionRequestsCompleted: null,
    erasuresFinished: null,
    retentionErased: null,
    orphansReaped: null,
    missingObjects: null,
    metricsPruned: null,
    keysRewrapped: null,
    tombstonesPruned: null,
    auditPruned: null,
    heatmapCellsPruned: null,
    failedSteps: [],
  };
  for (const [name, step] of steps) {
    try {
      report[name] = await step();
    } catch (err) {
      report.failedSteps.push(name);
      log.error("scheduled step failed", { step: name, error: describeError(err) });
    }
  }
  log.info("scheduled work done", { ...report, failedSteps: report.failedSteps.join(",") });
  return report;
}
