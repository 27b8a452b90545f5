import { ApiError } from "../errors";

/** The window of the UPLOAD_LIMITER binding in wrangler.toml; clients wait this long after a 429. */
const UPLOAD_LIMIT_PERIOD_SECONDS = 60;

/** Per-user upload rate limit through the Workers Rate Limiting binding; 429 with Retry-After. */
export async function rateLimitUploads(env: Env, userId: string): Promise<void> {
  const { success } = await env.UPLOAD_LIMITER.limit({ key: `upload:${userId}` });
  if (!success) {
    throw new ApiError(429, "rate_limited", "Too many uploads; retry later", { "Retry-After": String(UPLOAD_LIMIT_PERIOD_SECONDS) });
  }
}
