import { describe, expect, it } from "vitest";
import { EventType, IncrementalSource, MouseInteractions } from "../../../protocol/rrweb.ts";
import { flushRecorder, readStoredSession, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

type Win = { __statuses: Array<{ state: string }>; __pressedAt: number; __rec: { getSessionId(): string | null } };

// The page's image is held back by the test, so its load event (after which rrweb's deferred start
// waits for an idle moment) has not come when the person presses; the page notes when the press
// reached the window, before the recorder's own listener (it was added first).
function slowLoadPage(origin: string, token: string): string {
  return `<!doctype html><body><h1>Starting</h1><button id="go">Go</button><img src="/held.png" alt=""><script type="module">
    window.__statuses = [];
    window.__pressedAt = 0;
    addEventListener("pointerdown", () => { window.__pressedAt ||= Date.now(); }, true);
    import { startRecording } from "${origin}/recorder.js";
    window.__rec = startRecording({ endpoint: "${origin}", token: ${JSON.stringify(token)}, onStatus: (s) => window.__statuses.push(s) });
  </script></body>`;
}

const rig = useRecorderRig("deferred-start-user", (origin, token) => ({ "/": slowLoadPage(origin, token) }));

describe("rrweb's deferred start", () => {
  it("starts on the person's first press, before the page has loaded, and records that press", async () => {
    const tab = await rig.browser.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await tab.route("**/held.png", async (route) => {
      await held;
      await route.fulfill({ status: 404, body: "" });
    });
    const configured = tab.waitForResponse((r) => r.url().includes("/api/replay/config"));
    await tab.goto(rig.host.origin, { waitUntil: "domcontentloaded" });
    await configured;
    // The recorder has its config; rrweb waits for the load event, which the held image delays.
    expect(await tab.evaluate(() => document.readyState)).not.toBe("complete");
    await tab.click("#go");
    await tab.waitForFunction(() => (window as unknown as Win).__statuses.some((s) => s.state === "recording"));
    const { sessionId, pressedAt } = await tab.evaluate(() => ({
      sessionId: (window as unknown as Win).__rec.getSessionId() ?? "",
      pressedAt: (window as unknown as Win).__pressedAt,
    }));
    release();
    await flushRecorder(tab);
    const events = await waitFor(async () => (await readStoredSession(rig.worker, sessionId))?.chunks.flatMap((c) => c.events), 30_000, "stored chunks");
    const snapshot = events.find((e) => e.type === EventType.FullSnapshot);
    const press = events.find(
      (e) => e.type === EventType.IncrementalSnapshot && e.data.source === IncrementalSource.MouseInteraction && e.data.type === MouseInteractions.MouseDown,
    );
    const click = events.find(
      (e) => e.type === EventType.IncrementalSnapshot && e.data.source === IncrementalSource.MouseInteraction && e.data.type === MouseInteractions.Click,
    );
    expect(pressedAt).toBeGreaterThan(0);
    // The press started rrweb (its snapshot is not older than the press) and rrweb heard it.
    expect(snapshot?.timestamp).toBeGreaterThanOrEqual(pressedAt);
    expect(press).toBeDefined();
    expect(click).toBeDefined();
    expect(events.indexOf(snapshot!)).toBeLessThan(events.indexOf(press!));
    await tab.close();
  });
});
