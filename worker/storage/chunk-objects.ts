import { chunkKey, sessionPrefix } from "./keys";

/** Writes an (already encrypted) chunk blob at its deterministic key. */
export async function putChunkObject(bucket: R2Bucket, sessionId: string, seq: number, blob: Uint8Array): Promise<string> {
  const key = chunkKey(sessionId, seq);
  await bucket.put(key, blob, { httpMetadata: { contentType: "application/octet-stream" }, customMetadata: { format: "gzip+aes-256-gcm/v1" } });
  return key;
}

/** Reads a chunk blob, or null when the object is gone. */
export async function getChunkObject(bucket: R2Bucket, key: string): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/** Deletes one object (no error if it is already gone). */
export async function deleteObject(bucket: R2Bucket, key: string): Promise<void> {
  await bucket.delete(key);
}

/**
 * Deletes up to `maxObjects` objects under a session's prefix. Returns true when nothing is left,
 * so callers can stop or come back in the next run.
 */
export async function deleteSessionObjects(bucket: R2Bucket, sessionId: string, maxObjects = 1000): Promise<boolean> {
  let deleted = 0;
  while (deleted < maxObjects) {
    const listed = await bucket.list({ prefix: sessionPrefix(sessionId), limit: Math.min(1000, maxObjects - deleted) });
    if (listed.objects.length === 0) return true;
    await bucket.delete(listed.objects.map((o) => o.key));
    deleted += listed.objects.length;
    if (!listed.truncated && listed.objects.length < 1000) {
      const rest = await bucket.list({ prefix: sessionPrefix(sessionId), limit: 1 });
      return rest.objects.length === 0;
    }
  }
  const rest = await bucket.list({ prefix: sessionPrefix(sessionId), limit: 1 });
  return rest.objects.length === 0;
}
