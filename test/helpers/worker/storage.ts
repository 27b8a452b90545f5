import { expect } from "vitest";
import { env } from "cloudflare:workers";
import { sessionPrefix } from "../../../worker/storage/keys";
import { flushIndex } from "./session-object";
import { readConfig } from "../../../worker/config";
import { decryptChunk } from "../../../worker/crypto/chunk-cipher";
import { fromBase64 } from "../../../worker/crypto/codec";
import { unwrapSessionKey } from "../../../worker/crypto/session-key";
import type { ChunkBody } from "../../../worker/storage/chunk-body";

/** The D1 `sessions` row of a session once its object's index is written, or null. */
export async function sessionRow(sessionId: string) {
  await flushIndex(sessionId);
  return env.DB.prepare("SELECT * FROM sessions WHERE id = ?").bind(sessionId).first<{
    id: string;
    user_id: string;
    started_at: number | null;
    ended_at: number | null;
    bytes: number;
    event_count: number;
    chunk_count: number;
    meta: string;
    storage_key: string;
    erased_at: number | null;
    last_url: string | null;
  }>();
}

/** The D1 `chunks` rows of a session once its object's index is written, in seq order. */
export async function chunkRows(sessionId: string) {
  await flushIndex(sessionId);
  const { results } = await env.DB.prepare("SELECT * FROM chunks WHERE session_id = ? ORDER BY seq").bind(sessionId).all<{
    session_id: string;
    seq: number;
    started_at: number;
    ended_at: number;
    bytes: number;
    raw_bytes: number;
    event_count: number;
    has_full_snapshot: number;
    storage_key: string;
    blob_offset: number | null;
    blob_length: number | null;
  }>();
  return results;
}

/**
 * Keys and sizes of every R2 object under a session's prefix, once its object has written what it
 * buffers (its chunks go into R2 as segments at each index flush).
 */
export async function sessionObjects(sessionId: string) {
  await flushIndex(sessionId);
  const listed = await env.CHUNKS.list({ prefix: sessionPrefix(sessionId) });
  return listed.objects.map((o) => ({ key: o.key, size: o.size }));
}

/** Number of rows in a table (for "nothing stored" checks). */
export async function countRows(table: "sessions" | "chunks" | "session_keys" | "deletion_requests", where = "1 = 1", ...params: unknown[]) {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Number of R2 objects the product wrote (under sessions/). */
export async function countObjects() {
  let n = 0;
  let cursor: string | undefined;
  do {
    const listed = await env.CHUNKS.list({ prefix: "sessions/", cursor });
    n += listed.objects.length;
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return n;
}

/** Everything stored for a session (once its object's index is written): rows in each table and R2 object keys. */
export async function storedFor(sessionId: string) {
  await flushIndex(sessionId);
  return {
    sessionRows: await countRows("sessions", "id = ?", sessionId),
    chunkRows: await countRows("chunks", "session_id = ?", sessionId),
    keyRows: await countRows("session_keys", "session_id = ?", sessionId),
    objects: (await sessionObjects(sessionId)).map((o) => o.key),
  };
}

/** What `storedFor` shows for an erased session: no row and no object left. */
export const ERASED = { sessionRows: 0, chunkRows: 0, keyRows: 0, objects: [] };

/** Where R2 has a chunk's blob, as D1 indexes it once its object has flushed. */
export async function chunkLocation(sessionId: string, seq: number) {
  await flushIndex(sessionId);
  const row = await env.DB.prepare("SELECT storage_key, blob_offset, blob_length FROM chunks WHERE session_id = ? AND seq = ?")
    .bind(sessionId, seq)
    .first<{ storage_key: string; blob_offset: number | null; blob_length: number | null }>();
  if (!row) throw new Error(`no row for chunk ${seq} of ${sessionId}`);
  return row;
}

/** The stored (encrypted) bytes of one chunk, read from R2 where its row says they are. */
export async function storedObject(sessionId: string, seq: number): Promise<Uint8Array> {
  const at = await chunkLocation(sessionId, seq);
  const range = at.blob_offset === null || at.blob_length === null ? undefined : { offset: at.blob_offset, length: at.blob_length };
  const object = await env.CHUNKS.get(at.storage_key, range ? { range } : undefined);
  if (!object) throw new Error(`no object for chunk ${seq} of ${sessionId}`);
  return new Uint8Array(await object.arrayBuffer());
}

/** A stored chunk's body, decrypted with its session's data key from D1 (what only the worker can read). */
export async function storedBody(sessionId: string, seq: number): Promise<ChunkBody> {
  const row = await env.DB.prepare("SELECT wrapped_key, master_key_id FROM session_keys WHERE session_id = ?")
    .bind(sessionId)
    .first<{ wrapped_key: string; master_key_id: string }>();
  if (!row) throw new Error(`no key for ${sessionId}`);
  const key = await unwrapSessionKey(fromBase64(row.wrapped_key), row.master_key_id, readConfig(env));
  return decryptChunk(key, sessionId, seq, await storedObject(sessionId, seq));
}

/**
 * What R2 holds for a session is exactly what its kept chunks' rows name: every object some row
 * points at, and each object's bytes all taken by the rows in it (a dropped chunk's blob would be
 * bytes no row names). Returns the object keys, in key order.
 */
export async function expectObjectsMatchRows(sessionId: string): Promise<string[]> {
  const rows = await chunkRows(sessionId);
  const objects = await sessionObjects(sessionId);
  expect(objects.map((o) => o.key).sort()).toEqual([...new Set(rows.map((r) => r.storage_key))].sort());
  for (const o of objects) {
    const inIt = rows.filter((r) => r.storage_key === o.key);
    const used = inIt.reduce((n, r) => n + (r.blob_length ?? o.size), 0);
    expect(used, `bytes of ${o.key} named by its rows`).toBe(o.size);
  }
  return objects.map((o) => o.key).sort();
}
