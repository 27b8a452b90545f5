import { fromBase64Url, toBase64Url } from "./codec";

const SIGNATURE_VERSION = "v1";

async function hmacKey(secret: string, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/**
 * The exact string a signature covers: version, method, session, seq and expiry, newline-delimited
 * (none of them can contain a newline), so no signature fits another chunk, method or time.
 */
function canonical(method: string, sessionId: string, seq: number, expiresAt: number) {
  return [SIGNATURE_VERSION, method.toUpperCase(), sessionId, String(seq), String(expiresAt)].join("\n");
}

/** Signs a GET of one chunk until `expiresAt` (ms); returns the query-string parts. */
export async function signChunk(secret: string, sessionId: string, seq: number, expiresAt: number): Promise<{ exp: string; sig: string }> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), new TextEncoder().encode(canonical("GET", sessionId, seq, expiresAt)));
  return { exp: String(expiresAt), sig: toBase64Url(new Uint8Array(mac)) };
}

/** Path plus query of a chunk's signed URL. */
export async function signedChunkPath(secret: string, sessionId: string, seq: number, expiresAt: number): Promise<string> {
  const { exp, sig } = await signChunk(secret, sessionId, seq, expiresAt);
  return `/api/chunks/${sessionId}/${seq}?exp=${exp}&sig=${sig}`;
}

/** Canonical decimal expiry: no sign, no leading zero, so one time has one spelling. */
const CANONICAL_EXP = /^[1-9]\d{0,15}$/;
/** Unpadded base64url of a 32-byte HMAC-SHA-256. */
const CANONICAL_SIG = /^[A-Za-z0-9_-]{43}$/;

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
  if (!exp || !sig || !CANONICAL_EXP.test(exp) || !CANONICAL_SIG.test(sig)) return false;
  const expiresAt = Number(exp);
  if (expiresAt <= now) return false;
  let mac: Uint8Array;
  try {
    mac = fromBase64Url(sig);
  } catch {
    return false;
  }
  if (mac.length !== 32 || toBase64Url(mac) !== sig) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), mac, new TextEncoder().encode(canonical(method, sessionId, seq, expiresAt)));
}
