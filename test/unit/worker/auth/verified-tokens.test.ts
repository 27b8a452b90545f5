import { describe, expect, it } from "vitest";
import { MAX_VERIFIED_TOKENS, REVERIFY_AFTER_MS, verifiedOnce } from "../../../../worker/auth/verified-tokens";

/** A verifier that counts its calls and answers `claims`, valid until `expiresAt`. */
function verifier(claims: { sub: string }, expiresAt: number) {
  const calls = { count: 0 };
  return {
    calls,
    verify: async () => {
      calls.count++;
      return { claims, expiresAt };
    },
  };
}

describe("recently verified recording tokens", () => {
  it("verifies a token once, then answers from the cache until the re-verification interval", async () => {
    const settings = {};
    const v = verifier({ sub: "u1" }, 10 * REVERIFY_AFTER_MS);
    expect(await verifiedOnce(settings, "t", 0, v.verify)).toEqual({ sub: "u1" });
    expect(await verifiedOnce(settings, "t", REVERIFY_AFTER_MS - 1, v.verify)).toEqual({ sub: "u1" });
    expect(v.calls.count).toBe(1);
    await verifiedOnce(settings, "t", REVERIFY_AFTER_MS, v.verify);
    expect(v.calls.count).toBe(2);
  });

  it("never answers from the cache at or past the token's expiry", async () => {
    const settings = {};
    const v = verifier({ sub: "u1" }, 1_000);
    await verifiedOnce(settings, "t", 0, v.verify);
    await verifiedOnce(settings, "t", 999, v.verify);
    expect(v.calls.count).toBe(1);
    await verifiedOnce(settings, "t", 1_000, v.verify);
    expect(v.calls.count).toBe(2);
  });

  it("keeps no failure: a token refused once is checked again", async () => {
    const settings = {};
    let calls = 0;
    const refuse = async (): Promise<{ claims: string; expiresAt: number }> => {
      calls++;
      throw new Error("bad signature");
    };
    await expect(verifiedOnce(settings, "t", 0, refuse)).rejects.toThrow("bad signature");
    await expect(verifiedOnce(settings, "t", 1, refuse)).rejects.toThrow("bad signature");
    expect(calls).toBe(2);
  });

  it("keeps tokens per set of token settings: a changed secret verifies again", async () => {
    const v = verifier({ sub: "u1" }, 10 * REVERIFY_AFTER_MS);
    await verifiedOnce({}, "t", 0, v.verify);
    await verifiedOnce({}, "t", 1, v.verify);
    expect(v.calls.count).toBe(2);
  });

  it("holds at most MAX_VERIFIED_TOKENS, dropping the oldest first", async () => {
    const settings = {};
    const v = verifier({ sub: "u" }, 10 * REVERIFY_AFTER_MS);
    for (let i = 0; i <= MAX_VERIFIED_TOKENS; i++) await verifiedOnce(settings, `t${i}`, 0, v.verify);
    expect(v.calls.count).toBe(MAX_VERIFIED_TOKENS + 1);
    await verifiedOnce(settings, `t${MAX_VERIFIED_TOKENS}`, 1, v.verify); // the newest: kept
    expect(v.calls.count).toBe(MAX_VERIFIED_TOKENS + 1);
    await verifiedOnce(settings, "t0", 1, v.verify); // the oldest: dropped
    expect(v.calls.count).toBe(MAX_VERIFIED_TOKENS + 2);
  });
});
