import { SignJWT } from "jose";
import { TEST_VARS } from "./test-vars.ts";

/** Recording tokens (REPLAY_JWT_SECRET) open the recording API; admin tokens (REPLAY_ADMIN_JWT_SECRET) the admin API. */
export type TokenKind = "recording" | "admin";

export interface MintOptions {
  /** Which secret signs it; "recording" unless `admin` is set. */
  kind?: TokenKind;
  /** An admin's token: the admin kind with `"role":"admin"`. */
  admin?: boolean;
  ttlSeconds?: number;
  claims?: Record<string, unknown>;
  /** Signs with this instead of the kind's secret. */
  secret?: string;
}

const SECRETS: Record<TokenKind, string> = { recording: TEST_VARS.REPLAY_JWT_SECRET, admin: TEST_VARS.REPLAY_ADMIN_JWT_SECRET };

/** Mints an HS256 token with the test secrets (works in Node and in workerd). */
export async function mintToken(sub: string, opts: MintOptions = {}): Promise<string> {
  const kind = opts.kind ?? (opts.admin ? "admin" : "recording");
  const jwt = new SignJWT({ ...(opts.admin ? { role: "admin" } : {}), ...opts.claims })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? 3600));
  return jwt.sign(new TextEncoder().encode(opts.secret ?? SECRETS[kind]));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * A sign-in code as the scripts mint it (worker/auth/sign-in-code.ts reads it): payload and HMAC
 * with the admin secret, valid `ttlMs` (10 minutes by default). `id` makes two codes one.
 */
export async function mintSignInCode(sub: string, opts: { ttlMs?: number; id?: string; secret?: string } = {}): Promise<string> {
  const id = opts.id ?? base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const payload = base64Url(new TextEncoder().encode(JSON.stringify({ id, sub, exp: Date.now() + (opts.ttlMs ?? 600_000) })));
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(opts.secret ?? TEST_VARS.REPLAY_ADMIN_JWT_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`edge-replay sign-in code v1\n${payload}`));
  return `${payload}.${base64Url(new Uint8Array(mac))}`;
}
