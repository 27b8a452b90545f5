import type { Config } from "../config";
import { fromBase64, toHex } from "./codec";

/** A session's data key, ready to encrypt, plus its wrapped form for D1. */
export interface SessionKey {
  key: CryptoKey;
  wrapped: Uint8Array;
  masterKeyId: string;
}

/** A wrapped key names a master key that is neither REPLAY_MASTER_KEY nor REPLAY_MASTER_KEY_PREVIOUS. */
export class UnknownMasterKeyError extends Error {
  constructor(readonly masterKeyId: string) {
    super(`no configured master key has id ${masterKeyId}`);
    this.name = "UnknownMasterKeyError";
  }
}

/** Short public fingerprint of a master key, stored beside each wrapped key to pick the right one on rotation. */
export async function masterKeyId(masterKeyB64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", fromBase64(masterKeyB64)));
  return toHex(digest.subarray(0, 8));
}

async function importKek(masterKeyB64: string, usages: Array<"wrapKey" | "unwrapKey">) {
  return crypto.subtle.importKey("raw", fromBase64(masterKeyB64), { name: "AES-KW" }, false, usages);
}

/** Makes a fresh random AES-256-GCM data key and wraps it (AES-KW) with the current master key. */
export async function createSessionKey(config: Config): Promise<SessionKey> {
  const key = (await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"])) as CryptoKey;
  const kek = await importKek(config.masterKeys.current, ["wrapKey"]);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey("raw", key, kek, "AES-KW"));
  return { key, wrapped, masterKeyId: await masterKeyId(config.masterKeys.current) };
}

/** Unwraps a stored data key with whichever configured master key wrapped it (current or previous). */
export async function unwrapSessionKey(wrapped: Uint8Array, wrappedBy: string, config: Config): Promise<CryptoKey> {
  for (const candidate of [config.masterKeys.current, config.masterKeys.previous]) {
    if (candidate && (await masterKeyId(candidate)) === wrappedBy) {
      const kek = await importKek(candidate, ["unwrapKey"]);
      return crypto.subtle.unwrapKey("raw", wrapped, kek, "AES-KW", { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    }
  }
  throw new UnknownMasterKeyError(wrappedBy);
}

/** Re-wraps a data key under the current master key (master key rotation). */
export async function rewrapSessionKey(wrapped: Uint8Array, wrappedBy: string, config: Config): Promise<{ wrapped: Uint8Array; masterKeyId: string }> {
  const previous = config.masterKeys.previous;
  const candidates = [config.masterKeys.current, previous].filter((k): k is string => Boolean(k));
  for (const candidate of candidates) {
    if ((await masterKeyId(candidate)) !== wrappedBy) continue;
    const unwrapKek = await importKek(candidate, ["unwrapKey"]);
    const key = await crypto.subtle.unwrapKey("raw", wrapped, unwrapKek, "AES-KW", { name: "AES-GCM" }, true, ["encrypt", "decrypt"]);
    const wrapKek = await importKek(config.masterKeys.current, ["wrapKey"]);
    return { wrapped: new Uint8Array(await crypto.subtle.wrapKey("raw", key, wrapKek, "AES-KW")), masterKeyId: await masterKeyId(config.masterKeys.current) };
  }
  throw new UnknownMasterKeyError(wrappedBy);
}
