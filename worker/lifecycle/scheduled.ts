import { readConfig } from "../config";
import { database } from "../db/client";
import { pruneMetrics } from "../db/metrics-queries";
import { pruneTombstones } from "../db/erasure-queries";
import { log } from "../log";
import { processDeletionRequests } from "./deletion";
import { ERASE_BATCH_SESSIONS, finishErasures } from "./erase";
import { runRetention } from "./retention";
import { findMissingObjects, reapOrphans } from "./orphans";
import { rewrapDataKeys } from "./rotate-keys";

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

/**
 * The cron's work, each step bounded and idempotent so an interrupted run is finished by the next:
 * deletion requests, unfinished erasures, retention, orphan reaping, pruning of old counters, and
 * re-wrapping data keys after a master key rotation.
 */
export async function runScheduledWork(env: Env, now: number) {
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
  const report = {
    deletionRequestsCompleted: await processDeletionRequests(env, db, now, hasTime),
    erasuresFinished: await drain(() => finishErasures(env, db)),
    retentionErased: await drain(() => runRetention(env, db, config.retentionDays, now)),
    orphansReaped: await reapOrphans(env, db, now),
    missingObjects: (await findMissingObjects(env, db)).length,
    metricsPruned: await pruneMetrics(db, now - METRICS_KEEP_MS),
    keysRewrapped: (await rewrapDataKeys(db, config)).rewrapped,
  };
  await pruneTombstones(db, now - TOMBSTONE_KEEP_MS);
  log.info("scheduled work done", report);
  return report;
}
