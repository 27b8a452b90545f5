import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { flushRecorder, readStoredSession, recordPage, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

/** A page that records itself; `prelude` runs before the recorder loads. */
function page(origin: string, token: string, prelude = "") {
  return `<!doctype html><body><h1>Views</h1><a id="frag" href="#details">Details</a><script>${prelude}</script><script type="module">
    import { startRecording } from "${origin}/recorder.js";
    window.__statuses = [];
    window.__rec = startRecording({ endpoint: "${origin}", token: "${token}", onStatus: (s) => window.__statuses.push(s) });
  </script></body>`;
}

const rig = useRecorderRig("navigation-user", (origin, token) => ({
  "/app": page(origin, token),
  // A browser without the Navigation API: the recorder wraps the history methods instead.
  "/old": page(origin, token, "Object.defineProperty(window, 'navigation', { value: undefined });"),
}));

/** The navigation events the server stored for the session, as [path and fragment, kind]. */
async function storedNavigations(sessionId: string, count: number): Promise<string[][]> {
  return waitFor(async () => {
    const stored = await readStoredSession(rig.worker, sessionId);
    const navs = (stored?.chunks ?? [])
      .flatMap((c) => c.events)
      .filter((e) => e.type === 5 && e.data.tag === "navigation")
      .map((e) => {
        const { href, kind } = e.data.payload as { href: string; kind: string };
        const url = new URL(href);
        return [url.pathname + url.hash, kind];
      });
    return navs.length >= count && navs;
  });
}

async function navigate(tab: Page): Promise<void> {
  await tab.evaluate(() => {
    history.pushState({}, "", "/app/two");
    history.replaceState({}, "", "/app/three");
  });
  await tab.click("#frag");
  await tab.waitForURL(/#details$/);
}

describe("same-document navigations", () => {
  it("are recorded once each, with their kind, and the page's history methods stay its own", async () => {
    const { page: tab, sessionId } = await recordPage(rig, "/app");
    await navigate(tab);
    await tab.goBack();
    await tab.waitForURL(/\/app\/three$/);
    await tab.goBack();
    await tab.waitForURL(/\/app$/);
    // The Navigation API is used: nothing of ours wraps pushState.
    expect(await tab.evaluate(() => Function.prototype.toString.call(history.pushState))).toContain("[native code]");
    await flushRecorder(tab);
    expect(await storedNavigations(sessionId, 5)).toEqual([
      ["/app/two", "pushState"],
      ["/app/three", "replaceState"],
      ["/app/three#details", "hashchange"],
      ["/app/three", "hashchange"],
      ["/app", "popstate"],
    ]);
    await tab.close();
  });

  it("are recorded through the history methods where the browser has no Navigation API", async () => {
    const { page: tab, sessionId } = await recordPage(rig, "/old");
    await tab.evaluate(() => {
      history.pushState({}, "", "/old/two");
      history.replaceState({}, "", "/old/three");
    });
    expect(await tab.evaluate(() => Function.prototype.toString.call(history.pushState))).not.toContain("[native code]");
    await flushRecorder(tab);
    expect(await storedNavigations(sessionId, 2)).toEqual([
      ["/old/two", "pushState"],
      ["/old/three", "replaceState"],
    ]);
    await tab.close();
  });
});
