import { describe, expect, it } from "vitest";
import { CHECKOUT_EVERY_MS, CHECKOUT_MIN_MS } from "../../../recorder/constants.ts";
import { resolveOptions, withServerCheckout } from "../../../recorder/options.ts";
import { buildRrwebOptions, buildSelectors } from "../../../recorder/privacy/rrweb-options.ts";

describe("resolveOptions", () => {
  it("fills in defaults and clamps numbers", () => {
    const o = resolveOptions({ endpoint: "https://replay.example.com//", sampleRate: 7, flushIntervalMs: 1, checkoutEveryMs: 1 });
    expect(o).toMatchObject({
      endpoint: "https://replay.example.com",
      sampleRate: 1,
      flushIntervalMs: 500,
      checkoutEveryMs: CHECKOUT_MIN_MS,
      maskAllInputs: true,
      compression: "worker",
    });
    expect(resolveOptions({ endpoint: "x" }).checkoutEveryMs).toBe(CHECKOUT_EVERY_MS);
    expect(resolveOptions({ endpoint: "x", checkoutEveryMs: 1e9 }).checkoutEveryMs).toBe(3_600_000);
  });
});

describe("withServerCheckout", () => {
  const asked = (checkoutEveryMs: number) => resolveOptions({ endpoint: "x", checkoutEveryMs });

  it("takes the server's interval as an upper bound", () => {
    expect(withServerCheckout(asked(3_600_000), { checkoutEveryMinutes: 2 }).checkoutEveryMs).toBe(120_000);
    expect(withServerCheckout(asked(30_000), { checkoutEveryMinutes: 2 }).checkoutEveryMs).toBe(30_000);
  });

  it("never checks out more often than CHECKOUT_MIN_MS, whatever a server says", () => {
    expect(withServerCheckout(asked(60_000), { checkoutEveryMinutes: 0.01 }).checkoutEveryMs).toBe(CHECKOUT_MIN_MS);
  });

  it("is what rrweb is started with", () => {
    const options = withServerCheckout(asked(3_600_000), { checkoutEveryMinutes: 1 });
    expect(buildRrwebOptions(options, buildSelectors(options, []).selectors).checkoutEveryNms).toBe(60_000);
  });
});
