import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("smoke", () => {
  it("serves config", async () => {
    const res = await SELF.fetch("http://example.com/api/replay/config");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: true, windowMinutes: 10 });
    expect(env.DB).toBeDefined();
  });
});
