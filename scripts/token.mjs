// Mints a dev token with the local dev secret from .dev.vars.
// Usage: npm run token -- --user alice [--admin] [--ttl 3600]
import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { ensureDevVars } from "./dev-vars.mjs";

/** Signs an HS256 token for `user` with the dev secret. */
export async function mintDevToken({ user, admin = false, ttlSeconds = 3600 }) {
  const vars = ensureDevVars();
  return new SignJWT(admin ? { role: "admin" } : {})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(vars.REPLAY_JWT_SECRET));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { user: { type: "string", default: "dev-user" }, admin: { type: "boolean", default: false }, ttl: { type: "string", default: "3600" } } });
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    console.error("--ttl must be a whole number of seconds");
    process.exit(2);
  }
  console.log(await mintDevToken({ user: values.user, admin: values.admin, ttlSeconds }));
}
