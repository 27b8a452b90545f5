import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { vi } from "vitest";

/** A key pair for asymmetric tokens, with its public JWK (kid set). */
export async function makeSigningKey(alg: "RS256" | "ES256" | "EdDSA", kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}) });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { alg, kid, privateKey, jwk };
}

/** Signs a token with an asymmetric key; `claims` may drop `exp`/`sub` by setting them undefined. */
export async function signWith(
  key: Awaited<ReturnType<typeof makeSigningKey>>,
  claims: Record<string, unknown>,
  opts: { ttlSeconds?: number; issuer?: string; audience?: string } = {},
) {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? 600));
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(key.privateKey);
}

/**
 * Serves JWKS documents to the worker code running in this isolate: jose's remote key set calls
 * the global fetch, so a stub answers for the listed URLs (and refuses any other outbound call).
 * Each test should use its own URL, since key sets are cached per URL for the isolate's life.
 */
export function serveJwks(sets: Record<string, JWK[]>) {
  const calls: string[] = [];
  const stub = vi.fn(async (input: RequestInfo | URL) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    const keys = sets[url];
    if (!keys) return new Response("not found", { status: 404 });
    return new Response(JSON.stringify({ keys }), { headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", stub);
  return { calls, restore: () => vi.unstubAllGlobals() };
}
