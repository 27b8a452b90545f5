// Mints tokens and sign-in links, with the secrets from the environment when set there (to mint
// for a deployment: the same values you gave `wrangler secret put`), else from .dev.vars.
//   npm run token -- --user alice [--ttl 3600]              a recording token (REPLAY_JWT_SECRET)
//   npm run token -- --admin [--user ops] [--ttl 3600]      an admin token (REPLAY_ADMIN_JWT_SECRET), 24 h at most
//   npm run token -- --sign-in-code [--user ops] [--url https://replay.example.com]
//                                                          a sign-in link, valid 10 minutes and once
import { parseArgs } from "node:util";
import { randomBytes, createHmac } from "node:crypto";
import { SignJWT } from "jose";
import { ensureDevVars } from "./dev-vars.mjs";

/** The worker refuses admin tokens valid for longer (worker/auth/verify-token.ts). */
const ADMIN_TOKEN_MAX_TTL_SECONDS = 24 * 3600;
/** How long a sign-in link works; the worker refuses codes valid for longer than 10 minutes. */
const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
/** Must match worker/auth/sign-in-code.ts, which verifies these codes. */
const SIGN_IN_CODE_CONTEXT = "edge-replay sign-in code v1\n";

function secretFor(name) {
  return process.env[name] || ensureDevVars()[name];
}

/** Signs an HS256 token for `user`: a recording token, or with `admin` an admin's token. */
export async function mintDevToken({ user, admin = false, ttlSeconds = 3600 }) {
  const secret = secretFor(admin ? "REPLAY_ADMIN_JWT_SECRET" : "REPLAY_JWT_SECRET");
  return new SignJWT(admin ? { role: "admin" } : {})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/**
 * A single-use sign-in code for `user` (worker/auth/sign-in-code.ts documents the format): the
 * admin UI exchanges it for an admin token, so no token ever sits in a URL.
 */
export function mintSignInCode({ user, ttlMs = SIGN_IN_CODE_TTL_MS }) {
  const payload = Buffer.from(JSON.stringify({ id: randomBytes(16).toString("base64url"), sub: user, exp: Date.now() + ttlMs })).toString("base64url");
  const mac = createHmac("sha256", secretFor("REPLAY_ADMIN_JWT_SECRET"))
    .update(SIGN_IN_CODE_CONTEXT + payload)
    .digest("base64url");
  return `${payload}.${mac}`;
}

/** The admin UI link that signs `user` in with a fresh code. */
export function signInLink(origin, user) {
  return `${origin.replace(/\/$/, "")}/admin/sign-in#code=${mintSignInCode({ user })}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      user: { type: "string" },
      admin: { type: "boolean", default: false },
      "sign-in-code": { type: "boolean", default: false },
      url: { type: "string", default: "http://localhost:8787" },
      ttl: { type: "string", default: "3600" },
    },
  });
  const fail = (message) => {
    console.error(message);
    process.exit(2);
  };
  const forAdmin = values.admin || values["sign-in-code"];
  const user = values.user ?? (forAdmin ? "dev-admin" : "dev-user");
  if (values["sign-in-code"]) {
    console.log(signInLink(values.url, user));
  } else {
    const ttlSeconds = Number(values.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail("--ttl must be a whole number of seconds");
    if (values.admin && ttlSeconds > ADMIN_TOKEN_MAX_TTL_SECONDS)
      fail(`--ttl: admin tokens may be valid for at most ${ADMIN_TOKEN_MAX_TTL_SECONDS} seconds (24 h)`);
    console.log(await mintDevToken({ user, admin: values.admin, ttlSeconds }));
  }
}
