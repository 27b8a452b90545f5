import { sql } from "drizzle-orm";
import type { Config } from "../config";
import type { Database } from "../db/client";
import { fromBase64, toBase64 } from "../crypto/base64";
import { masterKeyId, rewrapSessionKey } from "../crypto/session-key";
import { log } from "../log";

/** Data keys re-wrapped per call; a rotation finishes over a few cron runs. */
const REWRAP_BATCH = 200;

/**
 * Master key rotation: re-wraps data keys still wrapped by REPLAY_MASTER_KEY_PREVIOUS under the
 * current REPLAY_MASTER_KEY. Chunks are untouched (only the small wrapped keys change). Returns
 * how many keys were re-wrapped and how many still wait.
 */
export async function rewrapDataKeys(db: Database, config: Config, batch = REWRAP_BATCH): Promise<{ rewrapped: number; remaining: number }> {
  const current = await masterKeyId(config.masterKeys.current);
  const stale = await db.all<{ session_id: string; wrapped_key: string; master_key_id: string }>(
    sql`SELECT session_id, wrapped_key, master_key_id FROM session_keys WHERE master_key_id != ${current} LIMIT ${batch}`,
  );
  let rewrapped = 0;
  for (const row of stale) {
    try {
      const next = await rewrapSessionKey(fromBase64(row.wrapped_key), row.master_key_id, config);
      // Conditional on the old wrapping, so a concurrent rotation or erasure is never overwritten.
      const res = await db.run(sql`UPDATE session_keys SET wrapped_key = ${toBase64(next.wrapped)}, master_key_id = ${next.masterKeyId}
        WHERE session_id = ${row.session_id} AND master_key_id = ${row.master_key_id}`);
      rewrapped += res.meta.changes ?? 0;
    } catch {
      log.warn("data key wrapped by an unknown master key", { masterKeyId: row.master_key_id });
    }
  }
  const left = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM session_keys WHERE master_key_id != ${current}`);
  return { rewrapped, remaining: left?.n ?? 0 };
}
