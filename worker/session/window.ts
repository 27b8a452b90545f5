import { planTrim } from "../ingest/plan-trim";
import { describeError, log } from "../log";
import { deleteObjects } from "../storage/chunk-objects";
import type { KeptChunkTable } from "./kept-chunks";
import type { SessionStateTable } from "./session-state";

/**
 * Keeps only the last `windowMs` of the session (rules in ingest/plan-trim.ts), in the object:
 * drops the kept chunks before the planned start and their R2 objects at once; D1's rows of them
 * (if it had any) go with the next index flush, and the admin API hides them till then (it reads
 * the window's start from the object). A segment holding both dropped and kept chunks (a
 * checkout that arrived after the chunks behind it were written) gives its kept ones back to the
 * object's buffer before it goes, so nothing dropped stays in R2. An object left by a failed
 * delete has no row: the cron reaps it. Returns how many chunks were dropped.
 */
export async function applyWindow(
  bucket: R2Bucket,
  state: SessionStateTable,
  chunks: KeptChunkTable,
  limits: { windowMs: number; now: number },
): Promise<number> {
  const s = state.read();
  if (!s) return 0;
  const plan = planTrim(chunks.all(), s.keptFromSeq, limits);
  if (plan === null) return 0;
  const dropped = chunks.dropBelow(plan.keepFromSeq);
  state.write({ ...s, keptFromSeq: plan.keepFromSeq, indexHasDropped: s.indexHasDropped || dropped.some((r) => r.indexed), dirty: true });
  const keys = new Set(dropped.flatMap((r) => (r.storageKey === null ? [] : [r.storageKey])));
  try {
    await unsealShared(bucket, chunks, keys);
    await deleteObjects(bucket, [...keys]);
  } catch (err) {
    log.warn("window objects not deleted", { sessionId: s.sessionId, error: describeError(err) });
  }
  // The page's window is the normal case; the others mean a client without checkouts, or a huge session.
  if (plan.reasons.some((r) => r !== "window"))
    log.info("session trimmed", { sessionId: s.sessionId, dropped: dropped.length, reasons: plan.reasons.join(",") });
  return dropped.length;
}

/**
 * Kept chunks whose blobs are in one of `keys` (segments losing other chunks) get their bytes
 * back into the object's buffer (a read that fails throws: then nothing is deleted).
 */
async function unsealShared(bucket: R2Bucket, chunks: KeptChunkTable, keys: Set<string>): Promise<void> {
  const shared = chunks.all().filter((r) => r.storageKey !== null && keys.has(r.storageKey));
  for (const key of new Set(shared.map((r) => r.storageKey ?? ""))) {
    const object = await bucket.get(key);
    if (!object) continue;
    const bytes = new Uint8Array(await object.arrayBuffer());
    const blobs = new Map<number, Uint8Array>();
    for (const r of shared.filter((x) => x.storageKey === key)) {
      const start = r.blobOffset ?? 0;
      blobs.set(r.seq, bytes.slice(start, start + (r.blobLength ?? bytes.byteLength)));
    }
    chunks.unseal(blobs);
  }
}
