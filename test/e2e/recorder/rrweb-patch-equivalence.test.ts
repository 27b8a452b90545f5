import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RRWEB_REWRITES, TREE_SHAKE_REWRITES } from "../../../scripts/rrweb-patch.mjs";
import { launchBrowser } from "../../helpers/browser.ts";
import { bundleWithRrwebRewrites } from "../../helpers/rrweb-bundle.ts";
import { type HostServer, serveHostPages } from "../../helpers/recorder/rig.ts";

// rrweb's record() with our privacy-relevant options; the page keeps the first full snapshot's data.
const ENTRY = `import { record } from "rrweb";
window.__snapshot = () => {
  let data = "";
  const stop = record({ emit(e) { if (e.type === 2 && !data) data = JSON.stringify(e.data); }, slimDOMOptions: "all", maskAllInputs: true, blockSelector: ".rr-block" });
  stop?.();
  return data;
};`;

// Nested lists, a shadow root, a slot, a blocked box, a textarea, a style sheet, a frame and a template.
const PAGE = `<!doctype html><html><head><style>p{color:red}</style></head><body>
<ul>${Array.from({ length: 30 }, (_, i) => `<li>Item ${i}<ul><li><b>a</b> <i>b</i></li></ul></li>`).join("")}</ul>
<div id="host"><span>light</span></div><div class="rr-block">blocked<p>inside</p></div>
<textarea>typed</textarea><template><p>t</p></template><iframe srcdoc="<p>frame</p>"></iframe>
<script>const root = document.getElementById("host").attachShadow({ mode: "open" }); root.innerHTML = "<p>shadow <slot></slot></p>";</script>
<script type="module" src="/rrweb.js"></script></body></html>`;

let browser: Browser;
let hosts: HostServer[] = [];
beforeAll(async () => {
  const [asShipped, withRewrites] = await Promise.all([bundleWithRrwebRewrites(ENTRY, TREE_SHAKE_REWRITES), bundleWithRrwebRewrites(ENTRY, RRWEB_REWRITES)]);
  hosts = await Promise.all([asShipped, withRewrites].map((js) => serveHostPages({ "/": PAGE, "/rrweb.js": { type: "text/javascript", body: js } })));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.close();
});

describe("rrweb's rewrites (scripts/rrweb-patch.mjs)", () => {
  it("leave the full snapshot as rrweb serializes it", async () => {
    const snapshots: string[] = [];
    for (const host of hosts) {
      const tab = await browser.newPage();
      await tab.goto(host.origin);
      await tab.waitForFunction(() => typeof (window as unknown as { __snapshot?: unknown }).__snapshot === "function");
      snapshots.push(await tab.evaluate(() => (window as unknown as { __snapshot(): string }).__snapshot()));
      await tab.close();
    }
    expect(snapshots[0].length).toBeGreaterThan(5_000);
    expect(snapshots[0]).toContain("shadow");
    expect(snapshots[1]).toBe(snapshots[0]);
  });
});
