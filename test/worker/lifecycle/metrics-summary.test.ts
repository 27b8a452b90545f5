import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { mintToken } from "../../helpers/tokens";
import { call, emptyUploadWithEnv, expectError } from "../../helpers/worker/http";
import { type AdminMetrics, readAdminMetrics } from "../../helpers/worker/metrics";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { upload } from "../../helpers/worker/seed";
import { flushIndex } from "../../helpers/worker/session-object";

/** What changed between two readings, so the test holds whatever else this file's storage has counted. */
function delta(before: AdminMetrics, after: AdminMetrics) {
  const codes = new Set([...Object.keys(before.rejectedByCode), ...Object.keys(after.rejectedByCode)]);
  const rejected = Object.fromEntries([...codes].map((c) => [c, (after.rejectedByCode[c] ?? 0) - (before.rejectedByCode[c] ?? 0)]).filter(([, n]) => n !== 0));
  const sum = (m: AdminMetrics) => m.perMinute.reduce((n, x) => n + x.uploads, 0);
  return {
    uploads: after.uploads - before.uploads,
    events: after.events - before.events,
    bytes: after.bytes - before.bytes,
    eventsPerMinute: after.eventsPerMinute - before.eventsPerMinute,
    captureFailures: after.captureFailures - before.captureFailures,
    perMinuteUploads: sum(after) - sum(before),
    rejectedByCode: rejected,
  };
}

/** Counters are written after the response (waitUntil), so poll until they show `expected`. */
async function metricsWhen(before: AdminMetrics, ready: (d: ReturnType<typeof delta>) => boolean) {
  for (let i = 0; i < 50; i++) {
    const d = delta(before, await readAdminMetrics());
    if (ready(d)) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  return delta(before, await readAdminMetrics());
}

describe("GET /api/admin/metrics", () => {
  it("counts uploads, events, bytes, capture failures and rejections by code over the last hour", async () => {
    const before = await readAdminMetrics();
    const sessionId = newSessionId();
    const now = Date.now();
    let events = 0;
    for (let seq = 0; seq < 3; seq++) {
      const batch = chunkEvents(now - 10_000 + seq * 1000, 500, { checkout: seq === 0 });
      events += batch.length;
      const res = await upload("met-user", sessionId, seq, batch, {
        ua: "ua",
        viewport: { width: 1, height: 1 },
        url: "https://a.example/",
        captureErrors: seq,
      });
      expect(res.status).toBe(200);
    }
    // A retry is not counted again.
    expect((await upload("met-user", sessionId, 2, chunkEvents(now - 8000, 500))).status).toBe(200);
    // Three kinds of rejection: before auth (disabled), at auth, and at parsing.
    await expectError(await emptyUploadWithEnv({ REPLAY_ENABLED: "false" }), 403, "replay_disabled");
    await expectError(await call("/api/replay/upload", { method: "POST", body: "{}" }), 401, "missing_token");
    const bad = await call("/api/replay/upload", { method: "POST", headers: { Authorization: `Bearer ${await mintToken("met-user")}` }, body: "not json" });
    await expectError(bad, 400, "bad_json");

    await flushIndex(sessionId);
    const stored = await env.DB.prepare("SELECT SUM(bytes) AS bytes FROM chunks WHERE session_id = ?").bind(sessionId).first<{ bytes: number }>();
    const d = await metricsWhen(before, (x) => x.uploads === 3 && (x.rejectedByCode.bad_json ?? 0) === 1 && (x.rejectedByCode.missing_token ?? 0) === 1);
    expect(d).toEqual({
      uploads: 3,
      events,
      bytes: stored!.bytes,
      eventsPerMinute: expect.closeTo(events / 60),
      captureFailures: 0 + 1 + 2,
      perMinuteUploads: 3,
      rejectedByCode: { replay_disabled: 1, missing_token: 1, bad_json: 1 },
    });
    expect((await readAdminMetrics()).perMinute).toHaveLength(60);
  });

  it("needs an admin", async () => {
    await expectError(await call("/api/admin/metrics"), 401, "missing_token");
    await expectError(await call("/api/admin/metrics", { headers: { Authorization: `Bearer ${await mintToken("met-user")}` } }), 401, "invalid_token");
    await expectError(
      await call("/api/admin/metrics", { headers: { Authorization: `Bearer ${await mintToken("met-user", { kind: "admin" })}` } }),
      403,
      "forbidden",
    );
  });
});
