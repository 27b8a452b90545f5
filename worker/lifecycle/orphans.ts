import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { log } from "../log";
import { addMetrics } from "../db/metrics-queries";
import { SESSIONS_PREFIX, parseChunkKey } from "../storage/keys";

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
  const saved = await db.get<{ value: string }>(sql`SELECT value FROM ops_state WHERE name = ${CURSOR_NAME}`);
  const listed = await env.CHUNKS.list({ prefix: SESSIONS_PREFIX, limit: SCAN_PAGE_OBJECTS, cursor: saved?.value || undefined });
  const candidates = listed.objects
    .map((o) => ({ key: o.key, uploaded: o.uploaded.getTime(), parsed: parseChunkKey(o.key) }))
    .filter((o) => o.parsed !== null && now - o.uploaded > graceMs);
  let removed = 0;
  if (candidates.length) {
    const keys = candidates.map((c) => c.key);
    const indexed = new Set((await db.all<{ storage_key: string }>(sql`SELECT storage_key FROM chunks WHERE storage_key IN ${keys}`)).map((r) => r.storage_key));
    const orphans = keys.filter((k) => !indexed.has(k));
    if (orphans.length) {
      await env.CHUNKS.delete(orphans);
      removed = orphans.length;
      log.info("orphan objects removed", { count: removed });
    }
  }
  const next = listed.truncated ? listed.cursor : "";
  await db.run(sql`INSERT INTO ops_state (name, value, updated_at) VALUES (${CURSOR_NAME}, ${next}, ${now}) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  await addMetrics(db, now, [{ name: "orphans_reaped", value: removed }]);
  return removed;
}

/**
 * Checks a bounded sample of chunk rows (the oldest ones) for their objects and reports rows
 * whose object is gone, in the logs; it deletes nothing. Returns the missing keys.
 */
export async function findMissingObjects(env: Env, db: Database, sample = 50): Promise<string[]> {
  const rows = await db.all<{ storage_key: string }>(sql`SELECT storage_key FROM chunks ORDER BY created_at LIMIT ${sample}`);
  const missing: string[] = [];
  for (const { storage_key } of rows) if (!(await env.CHUNKS.head(storage_key))) missing.push(storage_key);
  if (missing.length) log.warn("chunk rows without objects", { count: missing.length, first: missing[0] });
  return missing;
}
