import { fromBase64Url, toBase64Url } from "./codec";

// REPLAY_SIGNING_SECRET's one HMAC: every use signs messages that start with their own label
// (chunk URLs, share views, audit pseudonyms), so no signature made for one use fits another.

/** Unpadded base64url of a 32-byte HMAC-SHA-256. */
const CANONICAL_MAC = /^[A-Za-z0-9_-]{43}$/;

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/** HMAC-SHA-256 of `message` under `secret`. */
export async function hmacSign(secret: string, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), new TextEncoder().encode(message)));
}

/** HMAC-SHA-256 of `message` under `secret`, in unpadded base64url (43 characters). */
export async function hmacSignBase64Url(secret: string, message: string): Promise<string> {
  return toBase64Url(await hmacSign(secret, message));
}

/**
 * Whether `mac` is the base64url HMAC of `message` under `secret`, checked in constant time
 * (WebCrypto verify). Only the exact spelling we issue passes: a last character that differs
 * only in base64's unused low bits is an altered value and fails.
 */
export async function hmacVerifyBase64Url(secret: string, mac: string, message: string): Promise<boolean> {
  if (!CANONICAL_MAC.test(mac)) return false;
  // Cannot throw: CANONICAL_MAC admits only base64url that decodes (to 32 bytes).
  const bytes = fromBase64Url(mac);
  if (bytes.length !== 32 || toBase64Url(bytes) !== mac) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), bytes, new TextEncoder().encode(message));
}
