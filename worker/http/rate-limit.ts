import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

/** The window of the UPLOAD_LIMITER binding in wrangler.toml; clients wait this long after a 429. */
const UPLOAD_LIMIT_PERIOD_SECONDS = 60;
/** The window of the AUTH_FAILURE_LIMITER binding in wrangler.toml (its `period`). */
const AUTH_FAILURE_PERIOD_SECONDS = 60;
/** Most client IPs one isolate remembers as blocked (the oldest are forgotten first). */
const BLOCKED_IPS_MAX = 10_000;

/** Per-user upload rate limit through the Workers Rate Limiting binding; 429 with Retry-After. */
export async function rateLimitUploads(env: Env, userId: string): Promise<void> {
  const { success } = await env.UPLOAD_LIMITER.limit({ key: `upload:${userId}` });
  if (!success) {
    throw new ApiError(429, "rate_limited", "Too many uploads; retry later", { "Retry-After": String(UPLOAD_LIMIT_PERIOD_SECONDS) });
  }
}

/**
 * Client IPs over their failure budget, until when. Per-isolate on purpose: the binding can only
 * count (every `limit()` call is one more), so this remembers its "no" and answers the IP's next
 * requests without any token work; another isolate learns it at that IP's next failure there.
 */
const blockedUntil = new Map<string, number>();

function block(ip: string, until: number, now: number) {
  if (blockedUntil.size >= BLOCKED_IPS_MAX) {
    for (const [key, end] of blockedUntil) if (end <= now) blockedUntil.delete(key);
    for (const key of blockedUntil.keys()) {
      if (blockedUntil.size < BLOCKED_IPS_MAX) break;
      blockedUntil.delete(key);
    }
  }
  blockedUntil.delete(ip);
  blockedUntil.set(ip, until);
}

/**
 * Limits failed authentications (401s) per client IP (`CF-Connecting-IP`, set by Cloudflare's edge)
 * through the AUTH_FAILURE_LIMITER binding: past the budget, that IP gets 429 with Retry-After
 * before its token is looked at, until the window ends; valid tokens from it wait too. Put it before
 * the token check. Requests without the header (local dev, tests calling the app directly) are not
 * limited: on Cloudflare every request has it and clients cannot set it.
 */
export const limitAuthFailures = () =>
  createMiddleware<AppEnv>(async function limitAuthFailures(c, next) {
    const ip = c.req.header("CF-Connecting-IP");
    if (!ip) return next();
    const until = blockedUntil.get(ip) ?? 0;
    const now = Date.now();
    if (until > now) {
      throw new ApiError(429, "too_many_auth_failures", "Too many requests without a valid token from this address; retry later", {
        "Retry-After": String(Math.ceil((until - now) / 1000)),
      });
    }
    await next();
    if (c.error instanceof ApiError && c.error.status === 401) {
      const { success } = await c.env.AUTH_FAILURE_LIMITER.limit({ key: `auth-failure:${ip}` });
      if (!success) block(ip, Date.now() + AUTH_FAILURE_PERIOD_SECONDS * 1000, Date.now());
    }
  });

/** The window of the SHARE_LIMITER binding in wrangler.toml (its `period`). */
const SHARE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Limits share link opens per client IP (`CF-Connecting-IP`) through the SHARE_LIMITER binding
 * (contract §10: 60 a minute always pass; past 120, 429 with Retry-After), so tokens cannot be
 * guessed at speed. Requests without the header (local dev) share one budget.
 */
export const limitShareOpens = () =>
  createMiddleware<AppEnv>(async function limitShareOpens(c, next) {
    const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
    const { success } = await c.env.SHARE_LIMITER.limit({ key: `share:${ip}` });
    if (!success) {
      throw new ApiError(429, "rate_limited", "Too many share link requests from this address; retry later", {
        "Retry-After": String(SHARE_LIMIT_PERIOD_SECONDS),
      });
    }
    await next();
  });
