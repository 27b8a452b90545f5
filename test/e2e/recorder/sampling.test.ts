import { describe, expect, it } from "vitest";
import { recordRequests } from "../../helpers/browser.ts";
import { flushRecorder, useRecorderRig } from "../../helpers/recorder/rig.ts";

function page(origin: string, rate: number, token: string) {
  return `<!doctype html><body><h1>Sampled page</h1><button id="b">Go</button><script type="module">
    import { startRecording } from "${origin}/recorder.js";
    window.__statuses = [];
    window.__rec = startRecording({ endpoint: "${origin}", token: "${token}", sampleRate: ${rate}, onStatus: (s) => window.__statuses.push(s) });
  </script></body>`;
}

const rig = useRecorderRig("sampling-user", (origin, token) => ({
  "/none": page(origin, 0, token),
  "/all": page(origin, 1, token),
  "/half": page(origin, 0.5, token),
}));

describe("sampleRate", () => {
  it("a tab sampled out makes no request at all and says why", async () => {
    const tab = await rig.browser.newPage();
    const requests = recordRequests(tab);
    await tab.goto(`${rig.host.origin}/none`);
    await tab.waitForFunction(() => (window as unknown as { __statuses: unknown[] }).__statuses.length > 0);
    await tab.click("#b");
    await flushRecorder(tab);
    expect(await tab.evaluate(() => (window as unknown as { __statuses: unknown[] }).__statuses)).toEqual([{ state: "idle", reason: "sampled_out" }]);
    expect(requests.filter((u) => u.includes("/api/replay/"))).toEqual([]);
  });

  it("the decision holds for the tab across reloads", async () => {
    const tab = await rig.browser.newPage();
    await tab.goto(`${rig.host.origin}/half`);
    await tab.waitForFunction(() => (window as unknown as { __statuses: unknown[] }).__statuses.length > 0);
    const first = await tab.evaluate(() => sessionStorage.getItem("edge-replay:sampled"));
    expect(first === "1" || first === "0").toBe(true);
    for (let i = 0; i < 3; i++) {
      await tab.reload();
      await tab.waitForFunction(() => (window as unknown as { __statuses: unknown[] }).__statuses.length > 0);
      const state = await tab.evaluate(() => (window as unknown as { __statuses: Array<{ state: string }> }).__statuses[0].state);
      expect(state).toBe(first === "1" ? "recording" : "idle");
    }
  });

  it("rate 1 records", async () => {
    const tab = await rig.browser.newPage();
    await tab.goto(`${rig.host.origin}/all`);
    await tab.waitForFunction(() => (window as unknown as { __statuses: Array<{ state: string }> }).__statuses.some((s) => s.state === "recording"));
  });
});
