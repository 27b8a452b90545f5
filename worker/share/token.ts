import { toBase64Url, toHex } from "../crypto/codec";

/** Random bytes in a share token (contract §10). */
const SHARE_TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url: 43 characters. */
const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new share token: 32 random bytes, unpadded base64url. */
export function createShareToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(SHARE_TOKEN_BYTES)));
}

/** Whether `value` is spelled like a token we issue (anything else cannot match a stored hash). */
export function isShareTokenShape(value: string): boolean {
  return SHARE_TOKEN_PATTERN.test(value);
}

/**
 * Hex SHA-256 of a token: what D1 keeps. The token has 256 random bits, so a plain hash (no salt, no
 * slow KDF) cannot be reversed, and it lets a request find its row by an indexed equality lookup.
 */
export async function hashShareToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return toHex(digest);
}
