import { jwtVerify, createRemoteJWKSet, errors as joseErrors, type JWTPayload, type JWTVerifyOptions } from "jose";
import { ConfigError, type Config } from "../config";
import { ApiError } from "../errors";
import { log } from "../log";
import { hmacVerifyKey } from "./hmac-key";
import { verifiedOnce } from "./verified-tokens";

/** Asymmetric algorithms accepted from a JWKS; HS256 only with a shared secret. Never "none". */
const JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA"];
const HMAC_ALGORITHMS = ["HS256"];

/** Clock skew forgiven between whoever minted a token and us, on exp, nbf and lifetimes. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longest an admin token may be valid: a leaked one is useless after a day at most. */
export const ADMIN_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;

/** Verified claims: `sub` is a non-empty string and `exp` a number, both required. */
export type VerifiedClaims = JWTPayload & { sub: string; exp: number };

// Resolvers cache keys and rate-limit refetches, so one per URL lives for the isolate's lifetime.
const jwksResolvers = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The JWKS resolver for a URL, made once per isolate. */
export function jwksFor(url: string) {
  let resolver = jwksResolvers.get(url);
  if (!resolver) {
    resolver = createRemoteJWKSet(new URL(url));
    jwksResolvers.set(url, resolver);
  }
  return resolver;
}

/** Reads the bearer token from the Authorization header, or throws 401. */
export function bearerToken(header: string | undefined): string {
  const match = header ? /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i.exec(header) : null;
  if (!match) throw new ApiError(401, "missing_token", "Send a token as Authorization: Bearer <jwt>");
  return match[1];
}

const COMMON_OPTIONS = { requiredClaims: ["exp", "sub"], clockTolerance: CLOCK_TOLERANCE_SECONDS } satisfies JWTVerifyOptions;

/**
 * Verifies a recording token (contract §2): HS256 with REPLAY_JWT_SECRET, or a key from
 * REPLAY_JWKS_URL; iss/aud when configured. Whatever its claims say, it never makes an admin.
 */
export function verifyRecordingToken(token: string, config: Config): Promise<VerifiedClaims> {
  return verifiedOnce(config.recordingTokens, token, Date.now(), async () => {
    const claims = await verifyRecordingTokenNow(token, config);
    return { claims, expiresAt: (claims.exp + CLOCK_TOLERANCE_SECONDS) * 1000 };
  });
}

async function verifyRecordingTokenNow(token: string, config: Config): Promise<VerifiedClaims> {
  const { jwksUrl, secret, issuer, audience } = config.recordingTokens;
  const options = { ...COMMON_OPTIONS, issuer, audience };
  try {
    const { payload } = jwksUrl
      ? await jwtVerify(token, jwksFor(jwksUrl), { ...options, algorithms: JWKS_ALGORITHMS })
      : await jwtVerify(token, await hmacVerifyKey(hmacSecret(secret)), { ...options, algorithms: HMAC_ALGORITHMS });
    return checkedClaims(payload);
  } catch (err) {
    if (jwksUrl && !(err instanceof ApiError) && !isTokenFault(err)) {
      // The key set could not be fetched or read: our fault, not the token's. A 401 would make the
      // recorder drop its data; a 503 makes it retry.
      log.warn("JWKS unavailable", { error: err instanceof Error ? err.name : "unknown" });
      throw new ApiError(503, "auth_unavailable", "Tokens cannot be checked right now; retry later");
    }
    throw refusal(err);
  }
}

/**
 * Verifies an admin token (contract §2): HS256 with REPLAY_ADMIN_JWT_SECRET only, valid for at most
 * ADMIN_TOKEN_MAX_LIFETIME_SECONDS. Whether it is an admin's is `isAdminClaims`'s call.
 */
export async function verifyAdminToken(token: string, config: Config): Promise<VerifiedClaims> {
  try {
    const { payload } = await jwtVerify(token, await hmacVerifyKey(config.adminTokens.secret), { ...COMMON_OPTIONS, algorithms: HMAC_ALGORITHMS });
    const claims = checkedClaims(payload);
    if (!withinAdminLifetime(claims, Date.now() / 1000)) {
      throw new ApiError(401, "invalid_token", `Admin tokens may be valid for at most ${ADMIN_TOKEN_MAX_LIFETIME_SECONDS / 3600} hours`);
    }
    return claims;
  } catch (err) {
    throw refusal(err);
  }
}

/** The recording secret; readConfig requires it whenever there is no JWKS URL. */
function hmacSecret(secret: Uint8Array | undefined): Uint8Array {
  if (!secret) throw new ConfigError("REPLAY_JWT_SECRET is not set");
  return secret;
}

/**
 * exp − iat must not exceed the maximum, and exp must not lie further ahead of now than that
 * (which also covers a missing iat, or one set in the future to stretch the first rule).
 */
function withinAdminLifetime(claims: VerifiedClaims, nowSeconds: number): boolean {
  if (typeof claims.iat === "number" && claims.exp - claims.iat > ADMIN_TOKEN_MAX_LIFETIME_SECONDS) return false;
  return claims.exp - nowSeconds <= ADMIN_TOKEN_MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS;
}

function checkedClaims(payload: JWTPayload): VerifiedClaims {
  const { sub, exp } = payload;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > 256) {
    throw new ApiError(401, "invalid_token", "The token's sub claim must be a non-empty string");
  }
  // jose has checked exp is a number (requiredClaims); this tells the type system so.
  if (typeof exp !== "number") throw new ApiError(401, "invalid_token", "The token has no exp claim");
  return { ...payload, sub, exp };
}

/** The 401 for a token that failed: expired says so, everything else reveals nothing. */
function refusal(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof joseErrors.JWTExpired) return new ApiError(401, "token_expired", "The token has expired");
  return new ApiError(401, "invalid_token", "The token is not valid");
}

/** Errors that mean the token itself is bad (as opposed to the key set being unreachable). */
function isTokenFault(err: unknown): boolean {
  return (
    err instanceof joseErrors.JWTClaimValidationFailed ||
    err instanceof joseErrors.JWTExpired ||
    err instanceof joseErrors.JWTInvalid ||
    err instanceof joseErrors.JWSInvalid ||
    err instanceof joseErrors.JWSSignatureVerificationFailed ||
    err instanceof joseErrors.JOSEAlgNotAllowed ||
    err instanceof joseErrors.JOSENotSupported ||
    err instanceof joseErrors.JWKSNoMatchingKey ||
    err instanceof joseErrors.JWKSMultipleMatchingKeys ||
    err instanceof joseErrors.JWKInvalid
  );
}

/** Whether an admin token's claims make an admin: role "admin", roles containing "admin", or sub in REPLAY_ADMIN_USERS. */
export function isAdminClaims(claims: VerifiedClaims, config: Config): boolean {
  if (claims.role === "admin") return true;
  if (Array.isArray(claims.roles) && claims.roles.includes("admin")) return true;
  return config.adminUsers.has(claims.sub);
}
