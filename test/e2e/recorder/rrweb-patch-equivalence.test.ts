import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RRWEB_REWRITES, TREE_SHAKE_REWRITES } from "../../../scripts/rrweb-patch.mjs";
import { launchBrowser } from "../../helpers/browser.ts";
import { bundleWithRrwebRewrites } from "../../helpers/rrweb-bundle.ts";
import { type HostServer, serveHostPages } from "../../helpers/recorder/rig.ts";

// rrweb's record() with our privacy-relevant options; the page keeps the first full snapshot's data.
const ENTRY = `import { record } from "rrweb";
window.__snapshot = () => {
  let data = "";
  const stop = record({ emit(e) { if (e.type === 2 && !data) data = JSON.stringify(e.data); }, slimDOMOptions: "all", maskAllInputs: true, blockSelector: ".rr-block,[data-replay-block]",
    maskTextClass: "rr-mask", maskTextFn: (text, el) => text.toUpperCase() + (el ? el.tagName : "") });
  stop?.();
  return data;
};`;

// Nested lists, a shadow root, a slot, a blocked box, masked text, a scrolled box, SVG, custom
// elements (one defined), a comment, a form, URLs in attributes, a textarea, a style sheet, a
// frame, a dialog and a template; whitespace and metadata in the head.
const PAGE = `<!doctype html><html><head>
  <title> Title </title>
  <meta name="description" content="d">
  <style>p{color:red}</style></head><body>
<ul>${Array.from({ length: 30 }, (_, i) => `<li>Item ${i}<ul><li><b>a</b> <i>b</i></li></ul></li>`).join("")}</ul>
<div id="host"><span>light</span><b data-replay-block>light blocked</b></div><div class="rr-block">blocked<p>inside</p></div>
<section><p data-replay-block>blocked by the selector</p><p>shown after it</p><p class="RR-BLOCK RR-MASK">other case</p></section>
<div class="rr-mask">secret <b>bold</b><p>para <i>deep</i></p></div><p class="rr-mask"></p>
<div id="scrolled" style="overflow:auto;height:40px;width:60px"><div style="height:400px;width:400px">tall</div></div>
<svg viewBox="0 0 10 10"><defs><linearGradient id="g"></linearGradient></defs><use href="#g"></use><use href="i.svg#a"></use><text>svg text</text></svg>
<x-card data-x="1">custom <span>inner</span></x-card><other-tag>not defined</other-tag>
<!-- a comment -->
<form><label>Name <input name="n" value="v"></label><select><option selected>a</option><option>b</option></select><button type="submit">Go</button></form>
<a href="/relative?q=1" style="background: url(bg.png)">link</a><img src="pic.png" srcset="a.png 1x, b.png 2x">
<table background="t.png"><tr><td>cell</td></tr></table>
<textarea>typed</textarea><template><p>t</p></template><iframe srcdoc="<p>frame</p>"></iframe>
<dialog open>dialog</dialog><noscript>ns</noscript>
<script>const root = document.getElementById("host").attachShadow({ mode: "open" }); root.innerHTML = "<p>shadow <slot></slot></p><p data-replay-block>shadow blocked</p><div><i data-replay-block>deep</i></div><p class=\\"rr-mask\\">shadow masked</p><b class=\\"rr-block\\">shadow class blocked</b>";
customElements.define("x-card", class extends HTMLElement {}); document.getElementById("scrolled").scrollTop = 50;</script>
<script type="module" src="/rrweb.js"></script></body></html>`;

// rrweb's record() with a block selector list like ours; the page keeps every mutation event's data.
const MUTATION_ENTRY = `import { record } from "rrweb";
const data = [];
record({ emit(e) { if (e.type === 3 && e.data.source === 0) data.push(e.data); }, blockClass: "rr-block", blockSelector: ".rr-block,[data-replay-block],.ph-no-capture",
  maskTextClass: "rr-mask", maskTextFn: (text) => text.toUpperCase() });
window.__mutations = () => JSON.stringify(data);
// The ids rrweb's mirror still maps to a node: a removed subtree must leave none of its own behind.
window.__mirrorIds = () => JSON.stringify(record.mirror.getIds().sort((a, b) => a - b));`;

// Style changes made and then taken back, one batch each (rrweb diffs each against the old value).
const RESTYLE = `<script>
window.__restyle = async () => {
  const tick = () => new Promise((r) => setTimeout(r, 20));
  const list = document.getElementById("list");
  list.style.color = "red";
  list.style.marginLeft = "4px";
  await tick();
  list.style.removeProperty("color");
  await tick();
};
</script>`;

// Batches that move and replace rows, add under blocked parents and outside them, add and drop a subtree at once, change what is blocked and restyle.
const MUTATION_PAGE = `<!doctype html><html><body>${RESTYLE}
<table><tbody id="rows">${Array.from({ length: 40 }, (_, i) => `<tr><td>Row ${i}</td><td><b>${i}</b> cell</td></tr>`).join("")}</tbody></table>
<div class="rr-block" id="blocked"><p id="inside">inside</p></div><div id="later"><p>later <i>blocked</i></p></div>
<ul id="list"><li>a</li><li>b</li></ul><div id="host"></div>
<script type="module" src="/rrweb.js"></script>
<script>
window.__mutate = async () => {
  const tick = () => new Promise((r) => setTimeout(r, 20));
  const rows = document.getElementById("rows");
  for (const tr of [...rows.children].reverse()) rows.append(tr);
  await tick();
  document.getElementById("blocked").insertAdjacentHTML("beforeend", "<div><span>added inside</span> text</div>");
  document.getElementById("inside").textContent = "changed inside";
  document.getElementById("list").insertAdjacentHTML("beforeend", '<li class="ph-no-capture">hidden <b>x</b></li><li data-replay-block>also</li><li>shown</li>');
  await tick();
  const later = document.getElementById("later");
  later.firstElementChild.append(" more");
  later.className = "rr-block";
  later.append(document.createElement("hr"));
  await tick();
  later.className = "";
  later.firstElementChild.append(" again");
  document.getElementById("list").firstElementChild.remove();
  const root = document.getElementById("host").attachShadow({ mode: "open" });
  root.innerHTML = '<p class="rr-block">shadow blocked</p><p>shadow shown</p>';
  await tick();
  for (const tr of [...rows.children].slice(0, 10)) rows.prepend(tr);
  rows.firstElementChild.setAttribute("data-replay-block", "");
  rows.firstElementChild.append(document.createElement("td"));
  await tick();
  document.getElementById("list").insertAdjacentHTML("beforeend", '<li class="rr-mask">masked <b>added</b></li><li><svg viewBox="0 0 2 2"><use href="#u"></use></svg><x-tag>custom</x-tag></li>');
  document.querySelector("#list .rr-mask b").append(" later");
  await tick();
  // New rows in place of the old ones (the bench's re-sort), and a subtree added and taken away in one batch.
  rows.replaceChildren(...Array.from({ length: 5 }, (_, i) => { const tr = document.createElement("tr"); tr.innerHTML = "<td>New " + i + "</td><td><i>" + i + "</i> cell</td>"; return tr; }));
  const brief = document.createElement("div");
  brief.innerHTML = "<p>brief <b>x</b></p>";
  document.body.append(brief);
  brief.remove();
  await tick();
  await window.__restyle();
  // A frame's document (its own rootId), written in the task that adds it so that it reads the same whenever rrweb serializes it.
  const frame = document.createElement("iframe");
  document.getElementById("later").append(frame);
  frame.contentDocument.body.innerHTML = "<p>in the frame <b>bold</b></p>";
  await tick();
  await tick();
  await tick();
};
</script></body></html>`;

// A page whose Content-Security-Policy allows no inline styles (as many apps' do): it restyles only.
const CSP_PAGE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="style-src 'self'"></head><body>
<ul id="list"><li>a</li></ul>${RESTYLE}
<script>window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));</script>
<script type="module" src="/rrweb.js"></script></body></html>`;

let browser: Browser;
let hosts: HostServer[] = [];
let mutationHosts: HostServer[] = [];
let cspHosts: HostServer[] = [];
beforeAll(async () => {
  const [asShipped, withRewrites, mutationsAsShipped, mutationsWithRewrites] = await Promise.all([
    bundleWithRrwebRewrites(ENTRY, TREE_SHAKE_REWRITES),
    bundleWithRrwebRewrites(ENTRY, RRWEB_REWRITES),
    bundleWithRrwebRewrites(MUTATION_ENTRY, TREE_SHAKE_REWRITES),
    bundleWithRrwebRewrites(MUTATION_ENTRY, RRWEB_REWRITES),
  ]);
  hosts = await Promise.all([asShipped, withRewrites].map((js) => serveHostPages({ "/": PAGE, "/rrweb.js": { type: "text/javascript", body: js } })));
  mutationHosts = await Promise.all(
    [mutationsAsShipped, mutationsWithRewrites].map((js) => serveHostPages({ "/": MUTATION_PAGE, "/rrweb.js": { type: "text/javascript", body: js } })),
  );
  cspHosts = await Promise.all(
    [mutationsAsShipped, mutationsWithRewrites].map((js) => serveHostPages({ "/": CSP_PAGE, "/rrweb.js": { type: "text/javascript", body: js } })),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const h of [...hosts, ...mutationHosts, ...cspHosts]) await h.close();
});

describe("rrweb's rewrites (scripts/rrweb-patch.mjs)", () => {
  it("leave the full snapshot as rrweb serializes it", async () => {
    type Win = { __snapshot?(): string };
    const snapshots = await onEachHost(hosts, "__snapshot", (tab) => tab.evaluate(() => (window as unknown as Win).__snapshot?.() ?? ""));
    expect(snapshots[0].length).toBeGreaterThan(5_000);
    expect(snapshots[0]).toContain("shadow");
    // The options that change text were in force: masked text, the scroll offset, the custom element.
    expect(snapshots[0]).toContain("SECRET DIV");
    expect(snapshots[0]).toContain("SHADOW MASKED");
    expect(snapshots[0]).toContain("other case");
    expect(snapshots[0]).toContain('"rr_scrollTop":50');
    expect(snapshots[0]).toContain('"isCustom":true');
    // Blocked by the selector alone, in the document, a shadow tree and a light child: kept out.
    expect(snapshots[0]).toContain("shown after it");
    for (const text of ["blocked by the selector", "shadow blocked", "deep", "light blocked", "shadow class blocked"]) expect(snapshots[0]).not.toContain(text);
    expect(snapshots[1]).toBe(snapshots[0]);
  });

  it("leave every mutation event as rrweb records it, blocked nodes and blocks that change included", async () => {
    type Win = { __mutations?(): string; __mirrorIds?(): string; __mutate(): Promise<void> };
    const read = await onEachHost(mutationHosts, "__mutations", async (tab) => {
      await tab.evaluate(() => (window as unknown as Win).__mutate());
      return tab.evaluate(() => JSON.stringify([(window as unknown as Win).__mutations?.() ?? "", (window as unknown as Win).__mirrorIds?.() ?? ""]));
    });
    const [recorded, mirrorIds] = [0, 1].map((part) => read.map((both) => (JSON.parse(both) as string[])[part]));
    // Removed rows left the mirror: fewer ids than nodes ever recorded, the same ones either way.
    expect((JSON.parse(mirrorIds[0]) as number[]).length).toBeGreaterThan(50);
    expect(mirrorIds[1]).toBe(mirrorIds[0]);
    const batches = JSON.parse(recorded[0]) as Array<{ adds: unknown[]; texts: unknown[] }>;
    expect(batches.length).toBeGreaterThanOrEqual(5);
    // Real work was recorded: the rows moved, and what is shown next to a blocked item.
    expect(recorded[0]).toContain("Row 39");
    expect(recorded[0]).toContain("shown");
    expect(recorded[0]).not.toContain("added inside");
    expect(recorded[0]).not.toContain("hidden");
    expect(recorded[0]).toContain("MASKED");
    expect(recorded[0]).toContain("in the frame");
    expect(recorded[0]).toContain('"color":false');
    expect(recorded[1]).toBe(recorded[0]);
  });

  it("diff a style change without an inline style that a page's CSP refuses", async () => {
    type Win = { __mutations?(): string; __restyle(): Promise<void>; __violations: string[] };
    const [asShipped, withRewrites] = (
      await onEachHost(cspHosts, "__mutations", async (tab) => {
        await tab.evaluate(() => (window as unknown as Win).__restyle());
        return tab.evaluate(() =>
          JSON.stringify({ mutations: (window as unknown as Win).__mutations?.() ?? "", violations: (window as unknown as Win).__violations }),
        );
      })
    ).map((text) => JSON.parse(text) as { mutations: string; violations: string[] });
    // As shipped, rrweb's style diff is an inline style attribute: refused, reported, and blind to the old value.
    expect(asShipped.violations).toContain("style-src-attr");
    expect(asShipped.mutations).not.toContain('"color":false');
    expect(withRewrites.violations).toEqual([]);
    // The removed property is recorded as removed, as it is on a page without the policy.
    expect(withRewrites.mutations).toContain('"color":false');
  });
});

/** Opens each host's page in a tab of its own, waits for the page's function `ready`, and answers what `read` reads there (the host's origin as `<origin>`). */
async function onEachHost(list: HostServer[], ready: string, read: (tab: Page) => Promise<string>): Promise<string[]> {
  const out: string[] = [];
  for (const host of list) {
    const tab = await browser.newPage();
    await tab.goto(host.origin);
    await tab.waitForFunction((name) => typeof (window as unknown as Record<string, unknown>)[name] === "function", ready);
    // URLs are made absolute against the page: each host has its own port.
    out.push((await read(tab)).replaceAll(host.origin, "<origin>"));
    await tab.close();
  }
  return out;
}
