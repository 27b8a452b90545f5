import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { mintToken } from "./tokens.ts";

/** An rrweb event as uploaded (loose on purpose: forged ones are built by hand). */
export type RawEvent = { type: number; timestamp: number; data: Record<string, unknown> };

// rrweb's package exports hide dist/, so find the UMD build next to its main entry.
const RRWEB_UMD = join(dirname(createRequire(import.meta.url).resolve("rrweb")), "rrweb.umd.cjs");
/** Where the recorded page pretends to live (served by Playwright's router, not the network). */
export const RECORDED_URL = "https://shop.example.com/checkout?step=1";

/** The page recorded for the admin UI tests: a heading, a field, a button that changes the DOM. */
const RECORDED_PAGE = `<!doctype html><html><head><title>Checkout</title>
<style>body{font:16px sans-serif;margin:40px;background:#fffbea} h1{color:#7c2d12}</style></head>
<body><h1 id="title">Checkout for Ada</h1>
<label>Email <input id="email" name="email"></label>
<button id="pay">Pay now</button>
<p id="status">Waiting for payment</p>
<script>document.getElementById("pay").addEventListener("click", () => { document.getElementById("status").textContent = "Payment accepted"; });</script>
</body></html>`;

/**
 * Records RECORDED_PAGE with the real rrweb recorder in Chromium: types an email, clicks "Pay now".
 * Returns the events in time order.
 */
export async function recordCheckout(browser: Browser): Promise<RawEvent[]> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  try {
    const page = await context.newPage();
    await page.route("https://shop.example.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: RECORDED_PAGE }));
    await page.goto(RECORDED_URL);
    await page.addScriptTag({ content: await readFile(RRWEB_UMD, "utf8") });
    await page.evaluate(() => {
      const w = window as unknown as { rrweb: { record(o: { emit(e: unknown): void }): void }; recorded: unknown[] };
      w.recorded = [];
      w.rrweb.record({ emit: (e) => w.recorded.push(e) });
    });
    await page.waitForTimeout(300);
    await page.click("#email");
    await page.keyboard.type("ada@example.com", { delay: 30 });
    await page.waitForTimeout(600);
    await page.click("#pay");
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "Payment accepted");
    await page.waitForTimeout(800);
    return await page.evaluate(() => (window as unknown as { recorded: RawEvent[] }).recorded);
  } finally {
    await context.close();
  }
}

/** Uploads one chunk as `sub` (a user token); throws with the API's answer if it is refused. */
export async function uploadChunk(origin: string, sub: string, sessionId: string, seq: number, events: RawEvent[], meta: Record<string, unknown> = {}) {
  const token = await mintToken(sub);
  const res = await fetch(`${origin}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ sessionId, seq, events, meta: { ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", viewport: { width: 1000, height: 600 }, url: RECORDED_URL, ...meta } }),
  });
  if (res.status !== 200) throw new Error(`upload ${seq} refused: ${res.status} ${await res.text()}`);
}

/** Splits events into `n` chunks of consecutive events (the first keeps the full snapshot). */
export function splitEvents(events: RawEvent[], n: number): RawEvent[][] {
  const size = Math.ceil(events.length / n);
  return Array.from({ length: n }, (_, i) => events.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
}

/**
 * A hand-made recording an attacker could upload with a valid user token: a script element, an
 * onerror handler, javascript: links and a javascript: page URL. Replaying it must run none of them.
 */
export function forgedEvents(start: number): RawEvent[] {
  let id = 1;
  const el = (tagName: string, attributes: Record<string, string>, childNodes: unknown[] = []) => ({ type: 2, tagName, attributes, childNodes, id: id++ });
  const text = (textContent: string) => ({ type: 3, textContent, id: id++ });
  const img = el("img", { src: "x", onerror: "parent.__pwned='onerror'; alert('onerror')" });
  const link = el("a", { href: "javascript:parent.__pwned='href';alert('href')", id: "evil-link" }, [text("click me")]);
  const body = el("body", { onload: "parent.__pwned='onload'; alert('onload')" }, [
    el("h1", {}, [text("FORGED PAGE")]),
    img,
    link,
    el("iframe", { srcdoc: "<script>parent.parent.__pwned='srcdoc';alert('srcdoc')</script>" }),
    el("svg", { onload: "parent.__pwned='svg'" }, []),
  ]);
  const html = el("html", {}, [el("head", {}, [el("script", {}, [text("parent.__pwned = 'script'; window.__pwned = 'script'; alert('script')")])]), body]);
  const doc = { type: 0, childNodes: [{ type: 1, name: "html", publicId: "", systemId: "", id: id++ }, html], id: id++ };
  const added = el("script", {}, [text("parent.__pwned='mutation'; alert('mutation')")]);
  return [
    { type: 4, timestamp: start, data: { href: "javascript:alert('meta')//<img src=x onerror=alert(1)>", width: 1000, height: 600 } },
    { type: 2, timestamp: start + 10, data: { node: doc, initialOffset: { top: 0, left: 0 } } },
    { type: 3, timestamp: start + 500, data: { source: 0, texts: [], attributes: [{ id: img.id, attributes: { src: "y", onerror: "parent.__pwned='attr'; alert('attr')" } }], removes: [], adds: [{ parentId: body.id, nextId: null, node: added }] } },
    { type: 3, timestamp: start + 900, data: { source: 2, type: 2, id: link.id, x: 10, y: 10 } },
    { type: 3, timestamp: start + 1500, data: { source: 3, id: 1, x: 0, y: 0 } },
  ];
}
