import { describe, expect, it } from "vitest";
import { buildReplayConfig, CHECKOUT_EVERY_MINUTES, readReplayConfig } from "../../../protocol/replay-config.ts";

describe("buildReplayConfig", () => {
  it("advertises the contract's fields and the checkout bound", () => {
    const config = buildReplayConfig({ enabled: true, privateSelectors: [".ssn"], windowMinutes: 10 });
    expect(config).toEqual({ enabled: true, privateSelectors: [".ssn"], windowMinutes: 10, checkoutEveryMinutes: CHECKOUT_EVERY_MINUTES });
  });

  it("never asks for checkouts rarer than the window", () => {
    expect(buildReplayConfig({ enabled: true, privateSelectors: [], windowMinutes: 1 }).checkoutEveryMinutes).toBe(1);
  });

  it("copies only what it advertises (the server's config also holds secrets)", () => {
    const settings = { enabled: false, privateSelectors: [], windowMinutes: 5, signingSecret: "s3cret" };
    expect(JSON.stringify(buildReplayConfig(settings))).not.toContain("s3cret");
  });
});

describe("readReplayConfig", () => {
  it("reads what the server builds", () => {
    const built = buildReplayConfig({ enabled: true, privateSelectors: [".a", "#b"], windowMinutes: 1 });
    expect(readReplayConfig(JSON.parse(JSON.stringify(built)))).toEqual({ enabled: true, privateSelectors: [".a", "#b"], checkoutEveryMinutes: 1 });
  });

  it("records only when enabled is exactly true, and drops blank or non-string selectors", () => {
    expect(readReplayConfig({ enabled: "true", privateSelectors: [".a", " ", 3, null] })).toEqual({
      enabled: false,
      privateSelectors: [".a"],
      checkoutEveryMinutes: CHECKOUT_EVERY_MINUTES,
    });
    expect(readReplayConfig(null).enabled).toBe(false);
    expect(readReplayConfig([true]).enabled).toBe(false);
  });

  it("takes the old fixed bound from a server that sends none or nonsense", () => {
    for (const minutes of [undefined, 0, -1, "1", Number.NaN, null]) {
      expect(readReplayConfig({ enabled: true, checkoutEveryMinutes: minutes }).checkoutEveryMinutes).toBe(CHECKOUT_EVERY_MINUTES);
    }
  });
});
