import { hmacSignBase64Url, hmacVerifyBase64Url } from "./hmac";

const SIGNATURE_VERSION = "v1";

/**
 * The exact string a signature covers: version, method, session, seq and expiry, newline-delimited
 * (none of them can contain a newline), so no signature fits another chunk, method or time.
 */
function canonical(method: string, sessionId: string, seq: number, expiresAt: number) {
  return [SIGNATURE_VERSION, method.toUpperCase(), sessionId, String(seq), String(expiresAt)].join("\n");
}

/** Signs a GET of one chunk until `expiresAt` (ms); returns the query-string parts. */
export async function signChunk(secret: string, sessionId: string, seq: number, expiresAt: number): Promise<{ exp: string; sig: string }> {
  return { exp: String(expiresAt), sig: await hmacSignBase64Url(secret, canonical("GET", sessionId, seq, expiresAt)) };
}

/** Path plus query of a chunk's signed URL. */
export async function signedChunkPath(secret: string, sessionId: string, seq: number, expiresAt: number): Promise<string> {
  const { exp, sig } = await signChunk(secret, sessionId, seq, expiresAt);
  return `/api/chunks/${sessionId}/${seq}?exp=${exp}&sig=${sig}`;
}

/** Canonical decimal expiry: no sign, no leading zero, so one time has one spelling. */
export const CANONICAL_TIME = /^[1-9]\d{0,15}$/;

/**
 * Verifies a chunk signature in constant time (WebCrypto verify) and that it has not expired.
 * Only the exact spellings we issue are accepted: an `exp` with a leading zero, or a `sig` whose
 * last character differs only in base64's unused low bits, is an altered URL and fails.
 */
export async function verifyChunkSignature(
  secret: string,
  method: string,
  sessionId: string,
  seq: number,
  exp: string | undefined,
  sig: string | undefined,
  now: number,
): Promise<boolean> {
  if (!exp || !sig || !CANONICAL_TIME.test(exp)) return false;
  const expiresAt = Number(exp);
  if (expiresAt <= now) return false;
  return hmacVerifyBase64Url(secret, sig, canonical(method, sessionId, seq, expiresAt));
}
