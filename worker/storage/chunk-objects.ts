import { chunkKey, sessionPrefix } from "./keys";

/** R2 deletes at most this many keys per call. */
const R2_DELETE_MAX_KEYS = 1000;

/** Writes an (already encrypted) chunk blob at its deterministic key. */
export async function putChunkObject(bucket: R2Bucket, sessionId: string, seq: number, blob: Uint8Array): Promise<string> {
  const key = chunkKey(sessionId, seq);
  await bucket.put(key, blob, { httpMetadata: { contentType: "application/octet-stream" }, customMetadata: { format: "gzip+aes-256-gcm/v1" } });
  return key;
}

/** Writes a segment: several chunks' encrypted blobs end to end (session/seal-segments.ts). */
export async function putSegment(bucket: R2Bucket, key: string, joined: Uint8Array): Promise<void> {
  await bucket.put(key, joined, { httpMetadata: { contentType: "application/octet-stream" }, customMetadata: { format: "segment/v1" } });
}

/** Where a chunk's encrypted blob is: an object of its own (offset null), or a byte range of a segment. */
export interface BlobLocation {
  storageKey: string;
  blobOffset: number | null;
  blobLength: number | null;
}

/** Reads a chunk's blob, or null when its object is gone. */
export async function getChunkBlob(bucket: R2Bucket, at: BlobLocation): Promise<Uint8Array | null> {
  const range = at.blobOffset !== null && at.blobLength !== null ? { offset: at.blobOffset, length: at.blobLength } : undefined;
  const object = await bucket.get(at.storageKey, range ? { range } : undefined);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/** One page of objects under `prefix`, resuming at `cursor` (null: from the start); `next` is null after the last page. */
export async function listObjectPage(
  bucket: R2Bucket,
  prefix: string,
  limit: number,
  cursor: string | null,
): Promise<{ objects: Array<{ key: string; uploadedAt: number }>; next: string | null }> {
  const listed = await bucket.list({ prefix, limit, cursor: cursor ?? undefined });
  return { objects: listed.objects.map((o) => ({ key: o.key, uploadedAt: o.uploaded.getTime() })), next: listed.truncated ? listed.cursor : null };
}

/** Whether an object exists (a HEAD, no body). */
export async function objectExists(bucket: R2Bucket, key: string): Promise<boolean> {
  return (await bucket.head(key)) !== null;
}

/** Deletes one object (no error if it is already gone). */
export async function deleteObject(bucket: R2Bucket, key: string): Promise<void> {
  await bucket.delete(key);
}

/** Deletes objects (no error for those already gone), as few R2 calls as its key limit allows. */
export async function deleteObjects(bucket: R2Bucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += R2_DELETE_MAX_KEYS) await bucket.delete(keys.slice(i, i + R2_DELETE_MAX_KEYS));
}

/** How far deleting a session's objects got. */
export type SessionObjectsCleared = "cleared" | "more_left" | "foreign_prefix";

/**
 * Deletes up to `maxObjects` objects under a session's prefix, as its row records it. A prefix
 * other than the one our key scheme gives that session is refused, so a bad row can never
 * delete another session's objects. "more_left" means: come back in the next run.
 */
export async function deleteSessionObjects(
  bucket: R2Bucket,
  sessionId: string,
  prefix: string,
  maxObjects = R2_DELETE_MAX_KEYS,
): Promise<SessionObjectsCleared> {
  if (prefix !== sessionPrefix(sessionId)) return "foreign_prefix";
  let deleted = 0;
  while (deleted < maxObjects) {
    const listed = await bucket.list({ prefix, limit: Math.min(R2_DELETE_MAX_KEYS, maxObjects - deleted) });
    if (listed.objects.length === 0) return "cleared";
    await bucket.delete(listed.objects.map((o) => o.key));
    deleted += listed.objects.length;
  }
  const rest = await bucket.list({ prefix, limit: 1 });
  return rest.objects.length === 0 ? "cleared" : "more_left";
}
