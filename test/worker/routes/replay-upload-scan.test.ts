import { describe, expect, it } from "vitest";
import { readAdminMetrics } from "../../helpers/worker/metrics";
import { adminGet, type SessionDetail, type SessionPage } from "../../helpers/worker/admin";
import { T0, makeEvents } from "../../helpers/worker/events";
import { call } from "../../helpers/worker/http";
import { BENIGN, LEAKY_PAGE_URL, NEEDLES, leakedNeedles, leakyEvents } from "../../helpers/worker/leaky-upload";
import { uploadChunk } from "../../helpers/worker/upload";
import { storedObject } from "../../helpers/worker/storage";
import { settleMetrics } from "../../helpers/worker/metrics";

/** What the player gets: the admin detail's signed URL, fetched without a token, decrypted by the worker. */
async function storedEvents(sessionId: string): Promise<string> {
  const { body } = await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`);
  const res = await call(body.chunks[0].url);
  expect(res.status).toBe(200);
  return res.text();
}

async function serverRedactions(): Promise<Record<string, number>> {
  return (await readAdminMetrics()).serverRedactions;
}

/** Counters are written after the answer (waitUntil): polls until `ready` holds for the change since `before`. */
async function redactionsSince(before: Record<string, number>, ready: (d: Record<string, number>) => boolean) {
  let delta: Record<string, number> = {};
  for (let i = 0; i < 50; i++) {
    const after = await serverRedactions();
    delta = Object.fromEntries(
      Object.keys(after)
        .map((k) => [k, after[k] - (before[k] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    if (ready(delta)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return delta;
}

describe("POST /api/replay/upload: the server scans what an old or misconfigured recorder left raw", () => {
  it("stores none of the personal data, keeps benign text, structure and ids, and counts what it redacted", async () => {
    await settleMetrics();
    const before = await serverRedactions();
    const sent = leakyEvents(Date.now() - 5_000);
    const { res, body } = await uploadChunk({
      userId: "scan-user",
      gzip: true,
      events: sent,
      meta: { ua: "old-recorder/0.1", viewport: { width: 1280, height: 720 }, url: LEAKY_PAGE_URL },
    });
    expect(res.status).toBe(200);

    const text = await storedEvents(body.sessionId);
    expect(leakedNeedles(text)).toEqual([]);
    const stored: Array<{ type: number; timestamp: number }> = JSON.parse(text);
    expect(stored.map((e) => [e.type, e.timestamp])).toEqual(sent.map((e) => [e.type, e.timestamp]));
    for (const benign of Object.values(BENIGN)) expect(text).toContain(JSON.stringify(benign).slice(1, -1));
    expect(text).toContain('"textContent":"Contact [email] or [phone]"');
    expect(text).toContain('"type":2,"id":17,"tagName":"input","attributes":{"type":"text","value":"[card]"}');
    // Encrypted at rest: the R2 object holds neither the needles nor their placeholders in the clear.
    expect(leakedNeedles(new TextDecoder().decode(await storedObject(body.sessionId, 0)))).toEqual([]);

    const delta = await redactionsSince(before, (d) => (d.url ?? 0) > 0);
    expect(Object.keys(delta).sort()).toEqual(["card", "email", "phone", "secret", "url"]);
    expect(delta.card).toBe(2);
    expect(delta.email).toBeGreaterThanOrEqual(8);
  });

  it("redacts tokens in the page URL's path and hash route in the session list (meta.url and lastUrl)", async () => {
    const events = makeEvents(4, { start: T0 });
    events[0] = { ...events[0], data: { href: LEAKY_PAGE_URL, width: 1280, height: 720 } };
    const { res, body } = await uploadChunk({
      userId: "scan-url-user",
      events,
      meta: { ua: "ua", viewport: { width: 1280, height: 720 }, url: LEAKY_PAGE_URL },
    });
    expect(res.status).toBe(200);

    const { body: page } = await adminGet<SessionPage & { sessions: Array<{ lastUrl: string | null }> }>("/api/admin/sessions?userId=scan-url-user");
    const [listed] = page.sessions;
    expect(listed.id).toBe(body.sessionId);
    for (const url of [String(listed.meta.url), String(listed.lastUrl)]) {
      expect(url.startsWith("https://shop.")).toBe(true);
      expect(url).not.toContain(NEEDLES.pathToken);
      expect(url).not.toContain(NEEDLES.hashToken);
    }
    expect(leakedNeedles(await storedEvents(body.sessionId))).toEqual([]);
  });

  it("does not count a retried chunk twice", async () => {
    await settleMetrics();
    const before = await serverRedactions();
    const withText = (text: string) => [...makeEvents(2, { start: T0 }), { type: 3, data: { source: 5, id: 2, text }, timestamp: T0 + 500 }];
    const first = await uploadChunk({ userId: "scan-retry", events: withText(`${NEEDLES.card} ${NEEDLES.email}`) });
    const retry = await uploadChunk({ userId: "scan-retry", sessionId: first.body.sessionId, events: first.body.events });
    // A later chunk of another session: once its count shows, the retry's would have too.
    const marker = await uploadChunk({ userId: "scan-retry", events: withText(NEEDLES.phone) });
    expect([first.res.status, retry.res.status, marker.res.status]).toEqual([200, 200, 200]);
    expect(await redactionsSince(before, (d) => d.phone === 1)).toEqual({ card: 1, email: 1, phone: 1 });
  });
});
