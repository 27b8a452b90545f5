import { ApiError } from "../errors";

/** The window of both live limiters in wrangler.toml; a refused admin waits this long. */
const LIVE_LIMIT_PERIOD_SECONDS = 60;

/** Spends one of an admin's requests on a Workers Rate Limiting binding (30 a minute, §9); past that 429 with Retry-After. */
export async function limitPerAdmin(limiter: RateLimit, admin: string, what: string): Promise<void> {
  const { success } = await limiter.limit({ key: admin });
  if (!success) {
    throw new ApiError(429, "rate_limited", `Too many ${what}; retry later`, { "Retry-After": String(LIVE_LIMIT_PERIOD_SECONDS) });
  }
}
