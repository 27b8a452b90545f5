import { jwtVerify, createRemoteJWKSet, errors as joseErrors, type JWTPayload } from "jose";
import type { Config } from "../config";
import { ApiError } from "../errors";
import { log } from "../log";

/** Asymmetric algorithms accepted from a JWKS; HS256 only with the shared secret. Never "none". */
const JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA"];
const HMAC_ALGORITHMS = ["HS256"];

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

/** Verifies a token per contract §2: explicit algorithms, exp and sub required, iss/aud when configured. */
export async function verifyToken(token: string, config: Config): Promise<JWTPayload & { sub: string }> {
  const options = {
    requiredClaims: ["exp", "sub"],
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  };
  try {
    const { payload } = config.jwt.jwksUrl
      ? await jwtVerify(token, jwksFor(config.jwt.jwksUrl), { ...options, algorithms: JWKS_ALGORITHMS })
      : await jwtVerify(token, config.jwt.secret!, { ...options, algorithms: HMAC_ALGORITHMS });
    if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 256) {
      throw new ApiError(401, "invalid_token", "The token's sub claim must be a non-empty string");
    }
    return { ...payload, sub: payload.sub };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new ApiError(401, "token_expired", "The token has expired");
    if (config.jwt.jwksUrl && !isTokenFault(err)) {
      // The key set could not be fetched or read: our fault, not the token's. A 401 would make the
      // recorder drop its data; a 503 makes it retry.
      log.warn("JWKS unavailable", { error: err instanceof Error ? err.name : "unknown" });
      throw new ApiError(503, "auth_unavailable", "Tokens cannot be checked right now; retry later");
    }
    // Every other failure (bad signature, algorithm, claims, malformed) gets one answer that reveals nothing.
    throw new ApiError(401, "invalid_token", "The token is not valid");
  }
}

/** Errors that mean the token itself is bad (as opposed to the key set being unreachable). */
function isTokenFault(err: unknown): boolean {
  return (
    err instanceof joseErrors.JWTClaimValidationFailed ||
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

/** Whether verified claims make an admin: role "admin", roles containing "admin", or sub in REPLAY_ADMIN_USERS. */
export function isAdminClaims(payload: JWTPayload & { sub: string }, config: Config): boolean {
  if (payload.role === "admin") return true;
  if (Array.isArray(payload.roles) && payload.roles.includes("admin")) return true;
  return config.adminUsers.has(payload.sub);
}
