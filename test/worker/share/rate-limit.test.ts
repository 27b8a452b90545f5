import { describe, expect, it } from "vitest";
import { expectError } from "../../helpers/worker/http";
import { openShareLink } from "../../helpers/worker/share";

/** Opens a client IP may always make in a minute (contract §10). */
const ALWAYS_PASS_PER_MINUTE = 60;
/** Past this many in a minute, 429 (the SHARE_LIMITER binding's limit in wrangler.toml). */
const LIMIT_PER_MINUTE = 120;
/** A well-formed token that opens nothing: each try is a full lookup, which is what a guesser pays. */
const GUESS = "G".repeat(43);

describe("share link rate limit per client IP", () => {
  it("lets 60 opens a minute through, answers 429 with Retry-After past 120, and leaves other IPs alone", async () => {
    for (let i = 0; i < ALWAYS_PASS_PER_MINUTE; i++) await expectError(await openShareLink(GUESS, "198.51.100.7"), 404, "share_not_found");

    // The limiter's windows are fixed minutes: allow for one boundary while spending the rest.
    let limited: Response | null = null;
    for (let i = 0; i < 2 * LIMIT_PER_MINUTE + 5 && !limited; i++) {
      const res = await openShareLink(GUESS, "198.51.100.8");
      if (res.status === 429) limited = res;
      else await expectError(res, 404, "share_not_found");
    }
    expect(limited).not.toBeNull();
    if (!limited) return;
    const retryAfter = Number(limited.headers.get("Retry-After"));
    await expectError(limited, 429, "rate_limited");
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);

    await expectError(await openShareLink(GUESS, "198.51.100.9"), 404, "share_not_found");
  }, 120_000);
});
