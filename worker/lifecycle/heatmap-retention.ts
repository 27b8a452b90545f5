import type { Database } from "../db/client";
import { pruneHeatmap } from "../db/heatmap-queries";
import { readOpsValue, writeOpsValue } from "../db/ops-state";
import { DAY_MS } from "../time-units";

/** ops_state entry: the cut-off the last successful prune used. */
const PRUNED_BEFORE_NAME = "heatmap_pruned_before";

/**
 * Where heatmap retention cuts: at the start of the UTC day after `now - retentionDays` (the
 * server's clock), so heatmaps keep between `retentionDays - 1` and `retentionDays` whole days and
 * never outlive the sessions their clicks came from. A whole day, because a range reads the day
 * rows of its whole days: cutting inside a day would drop that day's row but keep some of its
 * hour rows, and the day would read as empty.
 */
export function heatmapCutoff(retentionDays: number, now: number): number {
  return Math.ceil((now - retentionDays * DAY_MS) / DAY_MS) * DAY_MS;
}

/**
 * Forgets heatmap cells (hour and day rows) from before the cut-off, and pages with no click
 * since. The cut-off moves once a day, and the delete scans the cells table, so a run whose
 * cut-off the last successful prune already used does nothing. Returns the cell rows deleted.
 */
export async function pruneOldHeatmap(db: Database, retentionDays: number, now: number): Promise<number> {
  const before = heatmapCutoff(retentionDays, now);
  if (Number(await readOpsValue(db, PRUNED_BEFORE_NAME)) >= before) return 0;
  const deleted = await pruneHeatmap(db, before);
  await writeOpsValue(db, PRUNED_BEFORE_NAME, String(before), now);
  return deleted;
}
