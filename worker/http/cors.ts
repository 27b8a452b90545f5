import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { AppEnv } from "../context";

const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** Response headers the recorder reads that are not CORS-safelisted (Retry-After after a 429). */
const EXPOSED_HEADERS = "Retry-After";

/**
 * CORS for the recording API per REPLAY_ALLOWED_ORIGINS. No list means the worker's own origin only.
 * Credentials are never allowed: the recorder authenticates with a bearer token, not cookies.
 */
export const replayCors = () =>
  createMiddleware<AppEnv>(async function replayCors(c, next) {
    const origin = c.req.header("Origin");
    const allowed = c.get("config").allowedOrigins;
    // The URL is parsed only when the list does not decide (parsing it was ~3 % of an upload's CPU, issue 10).
    const ok = origin !== undefined && (allowed.includes("*") || allowed.includes(origin) || origin === new URL(c.req.url).origin);
    if (c.req.method === "OPTIONS") {
      // Refused in the one error shape; without CORS headers the browser stops here anyway.
      if (!ok) throw new ApiError(403, "origin_not_allowed", "This origin is not in REPLAY_ALLOWED_ORIGINS");
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
    // The answer depends on Origin whether or not it was allowed.
    c.res.headers.append("Vary", "Origin");
    if (ok) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  });
