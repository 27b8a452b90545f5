import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { readConfig } from "../../../worker/config";
import { database } from "../../../worker/db/client";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { createSessionKey, unwrapSessionKey } from "../../../worker/crypto/session-key";
import { decryptChunk, encryptChunk } from "../../../worker/crypto/chunk-cipher";
import { fromBase64 } from "../../../worker/crypto/codec";
import { adminFetch } from "../../helpers/worker/admin";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { chunkLocation, storedObject } from "../../helpers/worker/storage";
import { upload } from "../../helpers/worker/seed";

const MARKER = "plaintext-marker-5f0c9e";

function contains(haystack: Uint8Array, needle: string) {
  return new TextDecoder("latin1").decode(haystack).includes(needle);
}

describe("encryption at rest", () => {
  it("stores ciphertext only and decrypts through the signed URL", async () => {
    const sessionId = newSessionId();
    const events = chunkEvents(Date.now() - 5000, 1000, { checkout: true, text: MARKER });
    expect((await upload("enc-user", sessionId, 0, events)).status).toBe(200);

    const blob = await storedObject(sessionId, 0);
    expect(contains(blob, MARKER)).toBe(false);
    expect([blob[0], blob[1]]).not.toEqual([0x1f, 0x8b]); // not even plain gzip
    expect(blob[0]).toBe(2); // format byte (the upload as sent: nothing in it was redacted), then IV and AES-GCM ciphertext

    const detail = (await (await adminFetch(`/api/admin/sessions/${sessionId}`)).json()) as { chunks: Array<{ url: string }> };
    const res = await SELF.fetch(detail.chunks[0].url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(events);
  });

  it("each chunk has a fresh IV and is bound to its session and seq", async () => {
    const config = readConfig(env);
    const { key } = await createSessionKey(config);
    const data = { format: "events" as const, gzipped: new TextEncoder().encode("same bytes") };
    const a = await encryptChunk(key, "s-1", 0, data);
    const b = await encryptChunk(key, "s-1", 0, data);
    expect(a.subarray(1, 13)).not.toEqual(b.subarray(1, 13));
    const opened = await decryptChunk(key, "s-1", 0, a);
    expect([opened.format, new TextDecoder().decode(opened.gzipped)]).toEqual(["events", "same bytes"]);
    await expect(decryptChunk(key, "s-1", 1, a)).rejects.toThrow();
    await expect(decryptChunk(key, "s-2", 0, a)).rejects.toThrow();
    const tampered = a.slice();
    tampered[tampered.length - 1] ^= 1;
    await expect(decryptChunk(key, "s-1", 0, tampered)).rejects.toThrow();
    // The format byte is bound too: the same ciphertext cannot be read as the other format.
    const reformatted = a.slice();
    reformatted[0] = 2;
    await expect(decryptChunk(key, "s-1", 0, reformatted)).rejects.toThrow();
    const upload = await encryptChunk(key, "s-1", 0, { format: "upload", gzipped: data.gzipped });
    expect(upload[0]).toBe(2);
    expect((await decryptChunk(key, "s-1", 0, upload)).format).toBe("upload");
  });

  it("a shredded session cannot be read, even while its objects still exist", async () => {
    const sessionId = newSessionId();
    expect((await upload("enc-user-2", sessionId, 0, chunkEvents(Date.now() - 5000, 1000, { checkout: true }))).status).toBe(200);
    const detail = (await (await adminFetch(`/api/admin/sessions/${sessionId}`)).json()) as { chunks: Array<{ url: string }> };
    const url = detail.chunks[0].url;
    const wrapped = await env.DB.prepare("SELECT wrapped_key, master_key_id FROM session_keys WHERE session_id = ?")
      .bind(sessionId)
      .first<{ wrapped_key: string; master_key_id: string }>();

    const at = await chunkLocation(sessionId, 0);
    const blob = await storedObject(sessionId, 0);
    await shredSessions(database(env.DB), oneSession(sessionId), Date.now());

    // The object is still in R2 (deletion lags), but there is no key for it any more.
    expect(await env.CHUNKS.head(at.storage_key)).not.toBeNull();
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM session_keys WHERE session_id = ?").bind(sessionId).first("n")).toBe(0);
    expect((await SELF.fetch(url)).status).toBe(404);
    // Only someone holding the deleted wrapped key and the master key could read it; we check the key was what mattered.
    const config = readConfig(env);
    const key = await unwrapSessionKey(fromBase64(wrapped!.wrapped_key), wrapped!.master_key_id, config);
    expect((await decryptChunk(key, sessionId, 0, blob)).gzipped).toBeInstanceOf(Uint8Array);
  });
});
