import { Hono } from "hono";
import { SignJWT } from "jose";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

const DEV_TOKEN_TTL_SECONDS = 3600;

/**
 * Local-development helpers, answered only in dev mode: REPLAY_DEV "true" (set in .dev.vars, which
 * wrangler never deploys) on a loopback host (see `devModeFor`). The demo page gets a recording
 * token here, which no admin route accepts.
 */
export const devRoutes = new Hono<AppEnv>();

devRoutes.get("/token", async (c) => {
  const config = c.get("config");
  const secret = config.recordingTokens.secret;
  if (!config.dev || !secret) throw new ApiError(404, "not_found", "No such API route");
  const user = c.req.query("user") ?? "demo-user";
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(user) || config.adminUsers.has(user)) {
    throw new ApiError(400, "bad_user", "user must be 1-64 of A-Z a-z 0-9 . _ @ - and not an admin");
  }
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(`${DEV_TOKEN_TTL_SECONDS}s`)
    .sign(secret);
  return c.json({ token, expiresIn: DEV_TOKEN_TTL_SECONDS }, 200, { "Cache-Control": "no-store" });
});
