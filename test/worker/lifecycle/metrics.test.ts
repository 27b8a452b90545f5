import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { mintToken } from "../../helpers/tokens.ts";
import { adminGet, chunkEvents, upload } from "./seed";

interface Metrics {
  uploads: number;
  events: number;
  bytes: number;
  eventsPerMinute: number;
  captureFailures: number;
  rejectedByCode: Record<string, number>;
  perMinute: Array<{ minute: number; uploads: number }>;
}

async function metricsWhen(ready: (m: Metrics) => boolean): Promise<Metrics> {
  // Counters are written after the response (waitUntil), so poll until they land.
  for (let i = 0; i < 50; i++) {
    const m = (await (await adminGet("/api/admin/metrics")).json()) as Metrics;
    if (ready(m)) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await (await adminGet("/api/admin/metrics")).json()) as Metrics;
}

describe("GET /api/admin/metrics", () => {
  it("counts uploads, events, bytes, capture failures and rejections by code over the last hour", async () => {
    const sessionId = crypto.randomUUID();
    const now = Date.now();
    let events = 0;
    for (let seq = 0; seq < 3; seq++) {
      const batch = chunkEvents(now - 10_000 + seq * 1000, 500, { checkout: seq === 0 });
      events += batch.length;
      const res = await upload("met-user", sessionId, seq, batch, { ua: "ua", viewport: { width: 1, height: 1 }, url: "https://a.example/", captureErrors: seq });
      expect(res.status).toBe(200);
    }
    // A retry is not counted again.
    expect((await upload("met-user", sessionId, 2, chunkEvents(now - 8000, 500))).status).toBe(200);
    // Two kinds of rejection.
    await SELF.fetch("https://replay.test/api/replay/upload", { method: "POST", body: "{}" });
    const bad = await SELF.fetch("https://replay.test/api/replay/upload", { method: "POST", headers: { Authorization: `Bearer ${await mintToken("met-user")}` }, body: "not json" });
    expect(bad.status).toBe(400);

    const stored = await env.DB.prepare("SELECT SUM(bytes) AS bytes FROM chunks WHERE session_id = ?").bind(sessionId).first<{ bytes: number }>();
    const m = await metricsWhen((x) => x.uploads === 3 && (x.rejectedByCode.bad_json ?? 0) === 1 && (x.rejectedByCode.missing_token ?? 0) === 1);
    expect(m.uploads).toBe(3);
    expect(m.events).toBe(events);
    expect(m.bytes).toBe(stored!.bytes);
    expect(m.captureFailures).toBe(0 + 1 + 2);
    expect(m.rejectedByCode).toEqual({ missing_token: 1, bad_json: 1 });
    expect(m.eventsPerMinute).toBeCloseTo(events / 60);
    expect(m.perMinute).toHaveLength(60);
    expect(m.perMinute.reduce((n, x) => n + x.uploads, 0)).toBe(3);
  });

  it("needs an admin", async () => {
    expect((await SELF.fetch("https://replay.test/api/admin/metrics")).status).toBe(401);
  });
});
