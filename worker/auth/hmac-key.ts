/**
 * HS256 verification keys, imported once per secret: jose imports a raw secret into a CryptoKey on
 * every `jwtVerify`, ~3 % of an upload's CPU (issue 10). Keyed on the secret's bytes object, which
 * stays the same while the config does (config.ts parses it once per set of values): a changed
 * secret is a new object and gets its own key.
 */
const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** The HMAC SHA-256 verify key for `secret`. */
export function hmacVerifyKey(secret: Uint8Array): Promise<CryptoKey> {
  const known = keys.get(secret);
  if (known) return known;
  const key = crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  keys.set(secret, key);
  // A failed import is not kept: the next request tries again.
  key.catch(() => keys.delete(secret));
  return key;
}
