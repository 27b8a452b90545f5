import type { Database } from "../db/client";
import { listIndexedKeys, listOldestChunkKeys } from "../db/chunk-keys";
import { addMetrics } from "../db/metrics-queries";
import { readOpsValue, writeOpsValue } from "../db/ops-state";
import { log } from "../log";
import { deleteObjects, listObjectPage, objectExists } from "../storage/chunk-objects";
import { SESSIONS_PREFIX, parseStoredKey } from "../storage/keys";

/** An object without a row is only an orphan after this long: its upload may still be indexing. */
export const ORPHAN_GRACE_MS = 3_600_000; // 1 hour
const SCAN_PAGE_OBJECTS = 500;
const CURSOR_NAME = "orphan_scan_cursor";

/**
 * Scans one page of R2 objects under our prefix (resuming where the last run stopped) and deletes
 * chunk objects older than the grace period that no chunk row indexes. Keys outside our scheme are
 * never touched. Returns the number of objects removed.
 */
export async function reapOrphans(env: Env, db: Database, now: number, graceMs = ORPHAN_GRACE_MS): Promise<number> {
  // An empty cursor means the last scan reached the end: start over.
  const page = await listObjectPage(env.CHUNKS, SESSIONS_PREFIX, SCAN_PAGE_OBJECTS, (await readOpsValue(db, CURSOR_NAME)) || null);
  const candidates = page.objects.filter((o) => parseStoredKey(o.key) !== null && now - o.uploadedAt > graceMs).map((o) => o.key);
  let removed = 0;
  if (candidates.length) {
    const indexed = await listIndexedKeys(db, candidates);
    const orphans = candidates.filter((k) => !indexed.has(k));
    if (orphans.length) {
      await deleteObjects(env.CHUNKS, orphans);
      removed = orphans.length;
      log.info("orphan objects removed", { count: removed });
    }
  }
  await writeOpsValue(db, CURSOR_NAME, page.next ?? "", now);
  await addMetrics(db, now, [{ name: "orphans_reaped", value: removed }]);
  return removed;
}

/**
 * Checks a bounded sample of chunk rows (the oldest ones) for their objects and reports rows
 * whose object is gone, in the logs; it deletes nothing. Returns the missing keys.
 */
export async function findMissingObjects(env: Env, db: Database, sample = 50): Promise<string[]> {
  const missing: string[] = [];
  for (const key of await listOldestChunkKeys(db, sample)) if (!(await objectExists(env.CHUNKS, key))) missing.push(key);
  if (missing.length) log.warn("chunk rows without objects", { count: missing.length, first: missing[0] });
  return missing;
}
