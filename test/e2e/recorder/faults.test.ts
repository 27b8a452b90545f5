import { describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
import { mintToken } from "../../helpers/tokens.ts";
import { busyPageHtml } from "../../helpers/recorder/busy-page.ts";
import { flushRecorder, openRecording, readStoredSession, recordPage, useRecorderRig, waitFor, waitForRecording } from "../../helpers/recorder/rig.ts";

const rig = useRecorderRig("fault-user", async (origin, token) => ({
  "/": busyPageHtml(origin, `token: ${JSON.stringify(token)}`),
  // getToken hands out an expired token first, then a good one: the recorder must ask again after the 401.
  "/refresh": busyPageHtml(
    origin,
    `getToken: async () => (++window.__tokenCalls === 1 ? ${JSON.stringify(await mintToken("fault-user", { ttlSeconds: -60 }))} : ${JSON.stringify(token)})`,
  ),
  "/plain": busyPageHtml(origin, `token: ${JSON.stringify(token)}`, `compression: "none",`),
}));

type Win = { __rec: { getSessionId(): string | null }; __statuses: Array<{ state: string; sessionId?: string }>; __tokenCalls: number };

async function nextSeq(page: Page): Promise<number> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem("edge-replay:session")!).nextSeq as number);
}

/** Asserts the stored session has seq 0..count-1, each chunk's events and the chunks themselves in time order. */
async function expectComplete(sessionId: string, count: number) {
  const session = await waitFor(
    async () => {
      const s = await readStoredSession(rig.worker, sessionId);
      return s && s.chunks.length >= count ? s : undefined;
    },
    60_000,
    `${count} chunks of ${sessionId}`,
  );
  // The page keeps recording, so more than `count` may be stored by now: what matters is no gap.
  expect(session.chunks.map((c) => c.seq)).toEqual(Array.from({ length: session.chunks.length }, (_, i) => i));
  const events = session.chunks.flatMap((c) => c.events);
  for (let i = 1; i < events.length; i++) expect(events[i].timestamp).toBeGreaterThanOrEqual(events[i - 1].timestamp);
  expect(session.chunks[0].events[0].type).toBe(4);
  expect(session.chunks[0].events[1].type).toBe(2);
  return session;
}

/** Answers an upload as the worker does when it fails with `code` (contract error shape, CORS for the host page). */
function answerError(route: Route, status: number, code: string): Promise<void> {
  return route.fulfill({
    status,
    contentType: "application/json",
    headers: { "Access-Control-Allow-Origin": rig.host.origin },
    body: JSON.stringify({ error: { code, message: "x" } }),
  });
}

describe("recorder transport under faults", () => {
  it("loses nothing when a third of uploads get 503, a tenth are aborted, and the page reloads mid-session", async () => {
    const page = await rig.browser.newPage();
    let n = 0;
    const outcomes = { failed: 0, aborted: 0, passed: 0 };
    await page.route(`${rig.worker.origin}/api/replay/upload`, async (route: Route) => {
      if (route.request().method() !== "POST") return route.continue();
      const i = n++;
      if (i % 3 === 0) {
        outcomes.failed++;
        return answerError(route, 503, "storage_unavailable");
      }
      if (i % 10 === 1) {
        outcomes.aborted++;
        return route.abort("connectionreset");
      }
      outcomes.passed++;
      return route.continue();
    });
    const sessionId = await openRecording(rig, page, "/");
    for (let i = 0; i < 6; i++) {
      await page.click("#more");
      await page.waitForTimeout(400);
    }
    await page.reload();
    expect(await waitForRecording(page)).toBe(sessionId);
    for (let i = 0; i < 6; i++) {
      await page.click("#more");
      await page.waitForTimeout(400);
    }
    await flushRecorder(page);
    const count = await nextSeq(page);
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(outcomes.aborted).toBeGreaterThan(0);
    const session = await expectComplete(sessionId, count);
    // Both page loads are in the one session: two full snapshots, and rows from after the reload.
    expect(session.chunks.flatMap((c) => c.events).filter((e) => e.type === 2).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it("asks getToken() again after a 401 and stores the chunk it was refused", async () => {
    const { page, sessionId } = await recordPage(rig, "/refresh");
    await page.click("#more");
    await flushRecorder(page);
    expect(await page.evaluate(() => (window as unknown as Win).__tokenCalls)).toBeGreaterThanOrEqual(2);
    await expectComplete(sessionId, await nextSeq(page));
    await page.close();
  });

  it("starts a new session from seq 0 with a full snapshot when the server says the session was erased", async () => {
    const page = await rig.browser.newPage();
    let erased = false;
    await page.route(`${rig.worker.origin}/api/replay/upload`, async (route: Route) => {
      if (route.request().method() === "POST" && !erased && route.request().postDataBuffer()) {
        erased = true;
        return answerError(route, 410, "session_erased");
      }
      return route.continue();
    });
    const first = await openRecording(rig, page, "/plain");
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Win).__rec.getSessionId())) !== first || undefined, 20_000, "a new session");
    const second = await page.evaluate(() => (window as unknown as Win).__rec.getSessionId()!);
    await page.click("#more");
    await flushRecorder(page);
    expect(await readStoredSession(rig.worker, first)).toBeNull();
    await expectComplete(second, await nextSeq(page));
    await page.close();
  });
});
