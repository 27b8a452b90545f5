import { SignJWT } from "jose";
import { z } from "zod";
import type { Config } from "../config";
import { ApiError } from "../errors";
import { fromBase64Url } from "../crypto/base64";
import type { Database } from "../db/client";
import { claimSignInCode } from "../db/sign-in-code-queries";
import { CLOCK_TOLERANCE_SECONDS } from "./verify-token";

/**
 * Sign-in codes stand in for an admin token in a link (`/admin/sign-in#code=…`): a URL stays in the
 * browser's history, so what it carries must be worthless soon. A code is
 * `base64url(JSON {id, sub, exp})` + "." + `base64url(HMAC-SHA-256(admin secret, CONTEXT + payload))`,
 * minted offline (`npm start`, `npm run token -- --sign-in-code`: scripts/token.mjs),
 * valid for minutes, and exchanged once for an admin token.
 */

/** Longest a code may be valid: long enough to click the link, short enough to die in history. */
export const SIGN_IN_CODE_MAX_TTL_MS = 10 * 60_000;
/** Lifetime of the admin token a code is exchanged for (a working day; the maximum is 24 h). */
export const SIGN_IN_TOKEN_TTL_SECONDS = 8 * 3600;
/** Domain separation: no JWT's signing input (base64url only) can start with this line. */
const CODE_CONTEXT = "edge-replay sign-in code v1\n";
const TOLERANCE_MS = CLOCK_TOLERANCE_SECONDS * 1000;

const payloadSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  sub: z.string().min(1).max(256),
  exp: z.number().int().positive(),
});

/** A code whose signature and expiry were checked. */
export type SignInCode = z.infer<typeof payloadSchema>;

const invalid = () => new ApiError(401, "invalid_sign_in_code", "This sign-in link is not valid for this deployment");

/** Checks a code's signature (the admin secret) and expiry; throws 401 saying what is wrong. */
export async function verifySignInCode(code: string, secret: Uint8Array, now: number): Promise<SignInCode> {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(code.trim());
  if (!match) throw invalid();
  const [, payloadPart, sigPart] = match;
  const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const signed = new TextEncoder().encode(CODE_CONTEXT + payloadPart);
  if (!(await crypto.subtle.verify("HMAC", key, fromBase64Url(sigPart), signed))) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(payloadPart)));
  } catch {
    throw invalid();
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success) throw invalid();
  if (payload.data.exp <= now - TOLERANCE_MS) {
    throw new ApiError(
      401,
      "sign_in_code_expired",
      "This sign-in link has expired. Mint a new one: npm start prints one, npm run token -- --sign-in-code makes one",
    );
  }
  // A code valid for hours would be a long-lived credential sitting in the browser's history.
  if (payload.data.exp > now + SIGN_IN_CODE_MAX_TTL_MS + TOLERANCE_MS) throw invalid();
  return payload.data;
}

/** Exchanges a code for an admin token, once: a second exchange of the same code gets 401. */
export async function exchangeSignInCode(db: Database, config: Config, code: string, now: number): Promise<{ token: string; expiresAt: number }> {
  const checked = await verifySignInCode(code, config.adminTokens.secret, now);
  if (!(await claimSignInCode(db, { id: checked.id, expiresAt: checked.exp }, now, now - TOLERANCE_MS))) {
    throw new ApiError(401, "sign_in_code_used", "This sign-in link was already used; each link works once. Mint a new one, or paste an admin token");
  }
  const expiresAt = now + SIGN_IN_TOKEN_TTL_SECONDS * 1000;
  // The code was signed with the admin secret, which only operators hold: its holder is an admin.
  const token = await new SignJWT({ role: "admin" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(checked.sub)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(config.adminTokens.secret);
  return { token, expiresAt: Math.floor(expiresAt / 1000) * 1000 };
}
