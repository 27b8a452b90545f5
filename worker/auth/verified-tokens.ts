import { setBounded } from "../bounded-map";

/**
 * Recording tokens verified recently, so a tab's next uploads (every few seconds, with the same
 * token) skip the signature check: it was ~4 % of an upload's CPU (issue 10). An entry answers
 * for at most REVERIFY_AFTER_MS and never past the token's own expiry (the same clock tolerance
 * jose allows), so a cached answer is one verification would give; failures are never kept.
 * Keyed on the config's token settings object, which stays the same while the config does
 * (config.ts parses it once per set of values): a changed secret or key set starts empty.
 */
export const REVERIFY_AFTER_MS = 60_000;
/** Tokens kept per config: about one per tab uploading to this isolate. The oldest goes first. */
export const MAX_VERIFIED_TOKENS = 2_000;

interface Entry<T> {
  claims: T;
  until: number;
}

const caches = new WeakMap<object, Map<string, Entry<unknown>>>();

/**
 * The claims of `token`: from the cache while its entry holds, else from `verify`, kept until
 * `expiresAt` (ms) or REVERIFY_AFTER_MS from now, whichever is first.
 */
export async function verifiedOnce<T>(settings: object, token: string, now: number, verify: () => Promise<{ claims: T; expiresAt: number }>): Promise<T> {
  let cache = caches.get(settings);
  if (!cache) {
    cache = new Map();
    caches.set(settings, cache);
  }
  const hit = cache.get(token);
  if (hit && now < hit.until) return hit.claims as T;
  cache.delete(token);
  const { claims, expiresAt } = await verify();
  setBounded(cache, token, { claims, until: Math.min(expiresAt, now + REVERIFY_AFTER_MS) }, MAX_VERIFIED_TOKENS);
  return claims;
}
