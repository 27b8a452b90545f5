import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { AppEnv } from "../context";

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the recording API per REPLAY_ALLOWED_ORIGINS. No list means the worker's own origin only.
 * Credentials are never allowed: the recorder authenticates with a bearer token, not cookies.
 */
export const replayCors = () =>
  createMiddleware<AppEnv>(async function replayCors(c, next) {
    const origin = c.req.header("Origin");
    const allowed = c.get("config").allowedOrigins;
    const selfOrigin = new URL(c.req.url).origin;
    const ok = origin !== undefined && (allowed.includes("*") || allowed.includes(origin) || origin === selfOrigin);
    if (c.req.method === "OPTIONS") {
      if (!ok) return c.body(null, 403);
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Encoding",
        "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
        Vary: "Origin",
      });
    }
    // Browsers preflight our uploads anyway; refusing here also stops a non-browser replaying a page's Origin.
    if (origin !== undefined && !ok && c.req.method !== "GET") {
      throw new ApiError(403, "origin_not_allowed", "This origin is not in REPLAY_ALLOWED_ORIGINS");
    }
    await next();
    if (ok) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      c.res.headers.append("Vary", "Origin");
    }
  });
