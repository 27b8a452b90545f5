import { describe, expect, it } from "vitest";
import { classifyDevice } from "../../../worker/ingest/classify-device";
import { adminGet, adminToken, type SessionPage } from "../../helpers/worker/admin";
import { callAs, expectError } from "../../helpers/worker/http";
import { makeEvents, newSessionId } from "../../helpers/worker/events";
import { seedChunk, uploadChunk } from "../../helpers/worker/upload";

const DESKTOP_VIEWPORT = { width: 1440, height: 900 };
const PHONE_VIEWPORT = { width: 390, height: 844 };
const TABLET_VIEWPORT = { width: 820, height: 1180 };
const IPADOS_SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

/** Real user agents as browsers send them, with the viewport and touch the recorder would report. */
const AGENTS: Array<{ what: string; ua: string; viewport?: { width: number; height: number }; touch?: boolean; device: string }> = [
  {
    what: "Chrome on Windows",
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    viewport: DESKTOP_VIEWPORT,
    touch: false,
    device: "desktop",
  },
  {
    what: "Firefox on Linux",
    ua: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    viewport: DESKTOP_VIEWPORT,
    touch: false,
    device: "desktop",
  },
  { what: "Safari on a Mac", ua: IPADOS_SAFARI, viewport: DESKTOP_VIEWPORT, touch: false, device: "desktop" },
  {
    what: "Edge on Windows",
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    viewport: DESKTOP_VIEWPORT,
    touch: true,
    device: "desktop",
  },
  {
    what: "Chrome on a Mac, from a recorder without touch",
    ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    viewport: DESKTOP_VIEWPORT,
    device: "desktop",
  },
  {
    what: "Chrome on an Android phone",
    ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    viewport: PHONE_VIEWPORT,
    touch: true,
    device: "mobile",
  },
  {
    what: "Samsung Internet on a Galaxy phone",
    ua: "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    viewport: PHONE_VIEWPORT,
    touch: true,
    device: "mobile",
  },
  {
    what: "Chrome on an Android tablet",
    ua: "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    viewport: TABLET_VIEWPORT,
    touch: true,
    device: "tablet",
  },
  {
    what: "Firefox on an Android phone",
    ua: "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0",
    viewport: PHONE_VIEWPORT,
    touch: true,
    device: "mobile",
  },
  {
    what: "Safari on an iPhone",
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    viewport: PHONE_VIEWPORT,
    touch: true,
    device: "mobile",
  },
  {
    what: "Chrome on an iPhone",
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
    viewport: PHONE_VIEWPORT,
    touch: true,
    device: "mobile",
  },
  {
    what: "Safari on an iPad with the old iPad UA",
    ua: "Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1",
    viewport: TABLET_VIEWPORT,
    touch: true,
    device: "tablet",
  },
  { what: "Safari on iPadOS (desktop UA) with touch", ua: IPADOS_SAFARI, viewport: TABLET_VIEWPORT, touch: true, device: "tablet" },
  { what: "Safari on iPadOS (desktop UA) with touch, landscape", ua: IPADOS_SAFARI, viewport: { width: 1366, height: 1024 }, touch: true, device: "tablet" },
  { what: "Safari on iPadOS (desktop UA) from a recorder without touch", ua: IPADOS_SAFARI, viewport: TABLET_VIEWPORT, device: "desktop" },
  { what: "a desktop UA with touch in a window no iPad has", ua: IPADOS_SAFARI, viewport: { width: 2560, height: 1400 }, touch: true, device: "desktop" },
  { what: "Googlebot", ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", device: "unknown" },
  { what: "Bingbot", ua: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", device: "unknown" },
  { what: "curl", ua: "curl/8.5.0", device: "unknown" },
  { what: "an empty UA", ua: "", viewport: DESKTOP_VIEWPORT, device: "unknown" },
  { what: "a blank UA", ua: "   ", device: "unknown" },
];

describe("classifyDevice", () => {
  it.each(AGENTS)("$what: $device", ({ ua, viewport, touch, device }) => {
    expect(classifyDevice({ ua, viewport, touch })).toBe(device);
  });

  it("calls a session without a UA unknown", () => {
    expect(classifyDevice({ viewport: DESKTOP_VIEWPORT, touch: true })).toBe("unknown");
  });
});

/** Uploads a one-chunk session with `meta`; returns its id. */
async function seedWithMeta(userId: string, meta: Record<string, unknown>, more: Array<Record<string, unknown>> = []): Promise<string> {
  const sessionId = newSessionId();
  await seedChunk({ userId, sessionId, seq: 0, events: makeEvents(2), meta });
  for (const [i, m] of more.entries()) await seedChunk({ userId, sessionId, seq: i + 1, events: makeEvents(2, { fullSnapshot: false }), meta: m });
  return sessionId;
}

describe("the session list's device", () => {
  it("stores the device of the first chunk with meta, shows it and filters by it", async () => {
    const user = `device-${newSessionId()}`;
    const ipad = await seedWithMeta(user, { ua: IPADOS_SAFARI, viewport: TABLET_VIEWPORT, touch: true }, [
      // A later chunk that says otherwise does not change it: the session's meta is its first.
      { ua: IPADOS_SAFARI, viewport: DESKTOP_VIEWPORT, touch: false },
    ]);
    const phone = await seedWithMeta(user, { ua: AGENTS[5].ua, viewport: PHONE_VIEWPORT, touch: true });
    const desktop = await seedWithMeta(user, { ua: AGENTS[0].ua, viewport: DESKTOP_VIEWPORT });
    const bot = await seedWithMeta(user, { ua: "curl/8.5.0" });

    const all = await adminGet<SessionPage>(`/api/admin/sessions?userId=${user}`);
    expect(Object.fromEntries(all.body.sessions.map((s) => [s.id, s.device]))).toEqual({
      [ipad]: "tablet",
      [phone]: "mobile",
      [desktop]: "desktop",
      [bot]: "unknown",
    });
    for (const [device, id] of [
      ["tablet", ipad],
      ["mobile", phone],
      ["desktop", desktop],
      ["unknown", bot],
    ]) {
      const page = await adminGet<SessionPage>(`/api/admin/sessions?userId=${user}&device=${device}`);
      expect(page.body.sessions.map((s) => s.id)).toEqual([id]);
    }
    expect((await adminGet<{ device: string }>(`/api/admin/sessions/${ipad}`)).body.device).toBe("tablet");
  });

  it("refuses another device value with 400 in the error shape", async () => {
    const token = await adminToken();
    for (const bad of ["tv", "Desktop", "bot", "1"]) await expectError(await callAs(token, `/api/admin/sessions?device=${bad}`), 400, "bad_request");
  });

  it("refuses a touch that is not a boolean", async () => {
    const { res } = await uploadChunk({ meta: { ua: IPADOS_SAFARI, touch: "yes" } });
    await expectError(res, 400, "bad_envelope");
  });
});
