import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { readConfig } from "../../../worker/config";
import { database } from "../../../worker/db/client";
import { masterKeyId, unwrapSessionKey } from "../../../worker/crypto/session-key";
import { decryptChunk } from "../../../worker/crypto/chunk-cipher";
import { fromBase64 } from "../../../worker/crypto/codec";
import { eventsJsonOf } from "../../../worker/storage/chunk-body";
import { rewrapDataKeys } from "../../../worker/lifecycle/rotate-keys";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { storedObject } from "../../helpers/worker/storage";
import { upload } from "../../helpers/worker/seed";

/** A fresh master key, as `openssl rand -base64 32` makes one. */
function newMasterKey() {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

describe("master key rotation", () => {
  it("master key rotation re-wraps data keys and old chunks stay readable", async () => {
    const sessionId = newSessionId();
    const events = chunkEvents(Date.now() - 5000, 1000, { checkout: true });
    expect((await upload("enc-user-3", sessionId, 0, events)).status).toBe(200);

    const newKey = newMasterKey();
    const rotated = readConfig({ ...env, REPLAY_MASTER_KEY: newKey, REPLAY_MASTER_KEY_PREVIOUS: env.REPLAY_MASTER_KEY });
    const db = database(env.DB);
    const result = await rewrapDataKeys(db, rotated);
    expect(result.rewrapped).toBeGreaterThanOrEqual(1);
    expect(result.remaining).toBe(0);

    // With only the new master key, the chunk decrypts; with only the old one, it no longer can.
    const row = await env.DB.prepare("SELECT wrapped_key, master_key_id FROM session_keys WHERE session_id = ?")
      .bind(sessionId)
      .first<{ wrapped_key: string; master_key_id: string }>();
    const onlyNew = readConfig({ ...env, REPLAY_MASTER_KEY: newKey });
    const key = await unwrapSessionKey(fromBase64(row!.wrapped_key), row!.master_key_id, onlyNew);
    const plain = await decryptChunk(key, sessionId, 0, await storedObject(sessionId, 0));
    expect(JSON.parse(eventsJsonOf(plain))).toEqual(events);
    await expect(unwrapSessionKey(fromBase64(row!.wrapped_key), row!.master_key_id, readConfig(env))).rejects.toThrow();
  });

  it("logs what failed for each key it cannot re-wrap, without key material, and re-wraps the rest", async () => {
    const warnings: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
    const previousId = await masterKeyId(env.REPLAY_MASTER_KEY);
    const unknown = { sessionId: crypto.randomUUID(), wrappedKey: "c29tZSB3cmFwcGVkIGtleSBieSBzb21lb25lIGVsc2U=", masterKeyId: "00000000deadbeef" };
    const corrupt = { sessionId: crypto.randomUUID(), wrappedKey: "Y29ycnVwdCBrZXk=", masterKeyId: previousId };
    for (const k of [unknown, corrupt]) {
      await env.DB.prepare("INSERT INTO session_keys (session_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)")
        .bind(k.sessionId, k.wrappedKey, k.masterKeyId, Date.now())
        .run();
    }
    const sessionId = newSessionId();
    expect((await upload("rot-user", sessionId, 0, chunkEvents(Date.now() - 5000, 1000, { checkout: true }))).status).toBe(200);

    const newKey = newMasterKey();
    const rotated = readConfig({ ...env, REPLAY_MASTER_KEY: newKey, REPLAY_MASTER_KEY_PREVIOUS: env.REPLAY_MASTER_KEY });
    const result = await rewrapDataKeys(database(env.DB), rotated);
    // The good key moved to the new master key; the two bad ones wait, unchanged, for an operator.
    const wrappedBy = (id: string) => env.DB.prepare("SELECT master_key_id FROM session_keys WHERE session_id = ?").bind(id).first("master_key_id");
    expect(await wrappedBy(sessionId)).toBe(await masterKeyId(newKey));
    expect([await wrappedBy(unknown.sessionId), await wrappedBy(corrupt.sessionId)]).toEqual([unknown.masterKeyId, corrupt.masterKeyId]);
    expect(result.remaining).toBeGreaterThanOrEqual(2);

    const logged = warnings.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: "data key wrapped by an unknown master key", sessionId: unknown.sessionId, masterKeyId: unknown.masterKeyId }),
    );
    const failed = logged.find((l) => l.sessionId === corrupt.sessionId);
    expect(failed).toMatchObject({ msg: "data key could not be unwrapped and re-wrapped", masterKeyId: previousId });
    expect(failed?.error).toMatch(/^\w+Error: /);
    for (const secret of [newKey, env.REPLAY_MASTER_KEY, unknown.wrappedKey, corrupt.wrappedKey]) expect(warnings.join("\n")).not.toContain(secret);
    // Leave no key wrapped by this test's master keys behind for other tests in this file.
    await env.DB.prepare("DELETE FROM session_keys WHERE session_id IN (?, ?, ?)").bind(unknown.sessionId, corrupt.sessionId, sessionId).run();
  });
});
