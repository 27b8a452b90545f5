import { describe, expect, it } from "vitest";
import { EventType } from "../../../protocol/rrweb.ts";
import { flushRecorder, readStoredSession, useRecorderRig, waitFor, waitForRecording } from "../../helpers/recorder/rig.ts";

type Win = { __iframes: number };

// A classic script runs before the module (whose import is hoisted): it counts every iframe ever
// added to the page (rrweb adds and removes its hidden one in one task, which the observer still
// reports) and, on the patched page, wraps Element.prototype.querySelector as some libraries do.
function page(origin: string, token: string, patchQuerySelector: boolean): string {
  return `<!doctype html><body><h1>Untainted</h1><p>Some text to record.</p><script>
    window.__iframes = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === "IFRAME") window.__iframes++;
    }).observe(document.documentElement, { childList: true, subtree: true });
    ${patchQuerySelector ? "const native = Element.prototype.querySelector; Element.prototype.querySelector = function (s) { return native.call(this, s); };" : ""}
  </script><script type="module">
    window.__statuses = [];
    import { startRecording } from "${origin}/recorder.js";
    window.__rec = startRecording({ endpoint: "${origin}", token: ${JSON.stringify(token)}, onStatus: (s) => window.__statuses.push(s) });
  </script></body>`;
}

const rig = useRecorderRig("untainted-prototype-user", (origin, token) => ({
  "/clean": page(origin, token, false),
  "/patched": page(origin, token, true),
}));

/** Records `path` until rrweb's first snapshot is stored; returns the iframes the page saw added. */
async function recordPage(path: string): Promise<{ iframes: number; snapshots: number }> {
  const tab = await rig.browser.newPage();
  await tab.goto(`${rig.host.origin}${path}`);
  const sessionId = await waitForRecording(tab);
  await flushRecorder(tab);
  const events = await waitFor(async () => (await readStoredSession(rig.worker, sessionId))?.chunks.flatMap((c) => c.events), 30_000, "stored chunks");
  const iframes = await tab.evaluate(() => (window as unknown as Win).__iframes);
  await tab.close();
  return { iframes, snapshots: events.filter((e) => e.type === EventType.FullSnapshot).length };
}

describe("rrweb's untainted-prototype check in the recorder bundle", () => {
  it("takes no hidden iframe on a page that patched nothing", async () => {
    expect(await recordPage("/clean")).toEqual({ iframes: 0, snapshots: 1 });
  });

  it("still takes the iframe's native prototype on a page that patched Element.prototype.querySelector", async () => {
    const { iframes, snapshots } = await recordPage("/patched");
    expect(iframes).toBeGreaterThanOrEqual(1);
    expect(snapshots).toBe(1);
  });
});
