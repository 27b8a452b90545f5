import { SignJWT } from "jose";
import { TEST_VARS } from "./test-vars.ts";

/** Mints an HS256 token with the test secret (works in Node and in workerd). */
export async function mintToken(sub: string, opts: { admin?: boolean; ttlSeconds?: number; claims?: Record<string, unknown>; secret?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ ...(opts.admin ? { role: "admin" } : {}), ...opts.claims })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? 3600));
  return jwt.sign(new TextEncoder().encode(opts.secret ?? TEST_VARS.REPLAY_JWT_SECRET));
}
