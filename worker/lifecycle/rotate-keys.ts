import type { Config } from "../config";
import type { Database } from "../db/client";
import { countKeysNotWrappedBy, listKeysNotWrappedBy, replaceWrappedKey } from "../db/session-keys";
import { fromBase64, toBase64 } from "../crypto/codec";
import { UnknownMasterKeyError, masterKeyId, rewrapSessionKey } from "../crypto/session-key";
import { describeError, log } from "../log";

/** Data keys re-wrapped per call; a rotation finishes over a few cron runs. */
const REWRAP_BATCH = 200;

/**
 * Master key rotation: re-wraps data keys still wrapped by REPLAY_MASTER_KEY_PREVIOUS under the
 * current REPLAY_MASTER_KEY. Chunks are untouched (only the small wrapped keys change). A key that
 * fails is logged (what failed, never key material) and retried next run. Returns how many keys
 * were re-wrapped and how many still wait.
 */
export async function rewrapDataKeys(db: Database, config: Config, batch = REWRAP_BATCH): Promise<{ rewrapped: number; remaining: number }> {
  const current = await masterKeyId(config.masterKeys.current);
  let rewrapped = 0;
  for (const row of await listKeysNotWrappedBy(db, current, batch)) {
    let next: Awaited<ReturnType<typeof rewrapSessionKey>>;
    try {
      next = await rewrapSessionKey(fromBase64(row.wrappedKey), row.masterKeyId, config);
    } catch (err) {
      const what = err instanceof UnknownMasterKeyError ? "data key wrapped by an unknown master key" : "data key could not be unwrapped and re-wrapped";
      log.warn(what, { sessionId: row.sessionId, masterKeyId: row.masterKeyId, error: describeError(err) });
      continue;
    }
    try {
      if (await replaceWrappedKey(db, row, { wrappedKey: toBase64(next.wrapped), masterKeyId: next.masterKeyId })) rewrapped++;
    } catch (err) {
      log.warn("re-wrapped data key could not be stored", { sessionId: row.sessionId, masterKeyId: row.masterKeyId, error: describeError(err) });
    }
  }
  return { rewrapped, remaining: await countKeysNotWrappedBy(db, current) };
}
