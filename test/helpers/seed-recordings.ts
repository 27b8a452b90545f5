import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { mintToken } from "./tokens.ts";
import { click, mutation } from "./insight-events.ts";
import { nodeBuilder, pageLoad, type SnapNode } from "./rrweb-nodes.ts";

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
 * Records what `act` does on a site of `pages` (path → HTML, served under shop.example.com) with the
 * real rrweb recorder in Chromium. Every document loaded starts its own recorder, as the real one
 * does after a navigation (a Meta and a full snapshot per page). Returns the events in time order.
 */
export async function recordSite(browser: Browser, pages: Record<string, string>, act: (page: Page) => Promise<void>): Promise<RawEvent[]> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  const events: RawEvent[] = [];
  try {
    await context.exposeFunction("__recordEvent", (e: RawEvent) => void events.push(e));
    // Only the recorded site's top document records: rrweb's own helper iframes must not start another.
    const start = `document.addEventListener("DOMContentLoaded", () => rrweb.record({ emit: (e) => window.__recordEvent(e) }));`;
    await context.addInitScript({
      content: `if (window === window.top && location.host === "shop.example.com") {\n${await readFile(RRWEB_UMD, "utf8")}\n${start}\n}`,
    });
    await context.route("https://shop.example.com/**", (route) => {
      const body = pages[new URL(route.request().url()).pathname];
      return body === undefined ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "text/html", body });
    });
    await act(await context.newPage());
    // The recorder's last events cross the page boundary asynchronously.
    await new Promise((r) => setTimeout(r, 200));
    return events.sort((a, b) => a.timestamp - b.timestamp);
  } finally {
    await context.close();
  }
}

/** Records RECORDED_PAGE (see recordSite): types an email, clicks "Pay now". */
export function recordCheckout(browser: Browser): Promise<RawEvent[]> {
  return recordSite(browser, { [new URL(RECORDED_URL).pathname]: RECORDED_PAGE }, async (page) => {
    await page.goto(RECORDED_URL);
    await page.waitForTimeout(300);
    await page.click("#email");
    await page.keyboard.type("ada@example.com", { delay: 30 });
    await page.waitForTimeout(600);
    await page.click("#pay");
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "Payment accepted");
    await page.waitForTimeout(800);
  });
}

/** A tall page of `title` (four 1000 px sections) with `extra` markup after the second section. */
const tallPage = (title: string, extra = "") =>
  `<!doctype html><html><head><title>${title}</title><style>body{margin:0;font:16px sans-serif} h1{margin:20px} section{height:1000px;border-bottom:1px solid #ccc}</style></head><body><h1>${title}</h1><section>one</section><section>two</section>${extra}<section>three</section><section>four</section></body></html>`;

/**
 * Two page loads (see recordSite): "Article top" scrolled down 1500 px, then a link to "Next page
 * top", which is left at the top; the mouse moves on the second page for a while.
 */
export function recordNavigation(browser: Browser): Promise<RawEvent[]> {
  const pages = { "/article": tallPage("Article top", `<a id="next" href="/next">Next page</a>`), "/next": tallPage("Next page top") };
  return recordSite(browser, pages, async (page) => {
    await page.goto("https://shop.example.com/article");
    await page.waitForTimeout(300);
    await page.mouse.move(300, 300);
    await page.mouse.wheel(0, 1500);
    await page.waitForFunction(() => window.scrollY === 1500);
    await page.waitForTimeout(600);
    await page.click("#next");
    await page.getByText("Next page top").waitFor();
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(300);
      await page.mouse.move(200 + 40 * i, 200);
    }
  });
}

/** A page whose "Show" button adds a "Saved!" note that fades in over 1.2 s (a CSS entry animation). */
export function recordEntryAnimation(browser: Browser): Promise<RawEvent[]> {
  const html = `<!doctype html><html><head><title>Toast</title><style>
@keyframes enter { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
.toast { animation: enter 1.2s ease-out both; font: 24px sans-serif; padding: 12px; background: #dcfce7; }
</style></head><body><button id="show">Show</button>
<script>document.getElementById("show").addEventListener("click", () => { const d = document.createElement("div"); d.id = "toast"; d.className = "toast"; d.textContent = "Saved!"; document.body.append(d); });</script>
</body></html>`;
  return recordSite(browser, { "/toast": html }, async (page) => {
    await page.goto("https://shop.example.com/toast");
    await page.waitForTimeout(400);
    await page.click("#show");
    await page.waitForTimeout(2000);
  });
}

/** `events` with a mouse move every second for `seconds` more, so that a replay of them lasts. */
export function withMouseMoves(events: RawEvent[], seconds: number): RawEvent[] {
  const last = events[events.length - 1].timestamp;
  const moves = Array.from({ length: seconds }, (_, i) => ({
    type: 3,
    timestamp: last + 1000 * (i + 1),
    data: { source: 1, positions: [{ x: 100 + 10 * i, y: 100, id: 1, timeOffset: 0 }] },
  }));
  return [...events, ...moves];
}

/** Uploads one chunk as `sub` (a user token) and returns the answer's JSON; throws with the answer if it is refused. */
export async function uploadChunk(
  origin: string,
  sub: string,
  sessionId: string,
  seq: number,
  events: RawEvent[],
  meta: Record<string, unknown> = {},
): Promise<unknown> {
  const token = await mintToken(sub);
  const res = await fetch(`${origin}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      sessionId,
      seq,
      events,
      meta: {
        ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        viewport: { width: 1000, height: 600 },
        url: RECORDED_URL,
        ...meta,
      },
    }),
  });
  if (res.status !== 200) throw new Error(`upload ${seq} refused: ${res.status} ${await res.text()}`);
  return res.json();
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
  const { el, text, doc: documentOf } = nodeBuilder();
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
  const doc = documentOf(html);
  const added = el("script", {}, [text("parent.__pwned='mutation'; alert('mutation')")]);
  return [
    ...pageLoad(start, "javascript:alert('meta')//<img src=x onerror=alert(1)>", doc),
    mutation(start + 500, {
      attributes: [{ id: img.id, attributes: { src: "y", onerror: "parent.__pwned='attr'; alert('attr')" } }],
      adds: [{ parentId: body.id, nextId: null, node: added }],
    }),
    click(start + 900, link.id, 10, 10),
    { type: 3, timestamp: start + 1500, data: { source: 3, id: 1, x: 0, y: 0 } },
  ];
}

/** A 1×1 transparent GIF: a `data:` image, which a replay may show (it is no request). */
export const DATA_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

/**
 * A forged recording full of URLs the admin's browser would fetch if the replay let it: every
 * element, attribute and CSS place that loads something, with relative URLs (they resolve against
 * the admin page), the admin's own origin (`origin`), another local port (`otherOrigin`) and a
 * third party. Every URL holds "probe-" so a test can tell them from the admin UI's own requests.
 * The page also carries what must survive: a `data:` image, CSS colours, image boxes with their size.
 */
export function urlProbeEvents(start: number, origin: string, otherOrigin: string): RawEvent[] {
  const third = "https://third-party.example";
  const { el, text, doc: documentOf } = nodeBuilder();
  const svg = (tagName: string, attributes: Record<string, string>, childNodes: SnapNode[] = []) => el(tagName, attributes, childNodes, { isSVG: true });
  const styleText = text(
    [
      `@import url("${third}/probe-import.css");`,
      `@import "probe-import-string.css";`,
      `@font-face { font-family: ProbeFont; src: url(${otherOrigin}/probe-font.woff2) format("woff2"), url('probe-font.woff') format("woff"); }`,
      `.probe-font { font-family: ProbeFont, sans-serif; }`,
      `body { background: #fffbea url('probe-body-bg.png') no-repeat; margin: 16px; font: 14px sans-serif; }`,
      `.card { background-color: rgb(253, 230, 138); border: 3px solid rgb(124, 45, 18); padding: 8px; margin: 8px 0; }`,
      `.card { background-image: image-set("probe-image-set.png" 1x, url(${origin}/probe-image-set-2x.png) 2x); }`,
      `.escaped { background-image: \\75 rl(probe-escaped.png); }`,
      `.upper { background-image: URL( "${third}/probe-upper.png" ); }`,
      `.cursor { cursor: url(probe-cursor.cur), auto; list-style: url(probe-list.png); }`,
      `.data-ok { background-image: url(${DATA_GIF}); }`,
      `/* rr_split */`,
      `.boxed { width: 200px; height: 40px; }`,
    ].join("\n"),
    { isStyle: true },
  );
  const style = el("style", {}, [styleText]);
  const linkedCss = el("link", {
    rel: "stylesheet",
    href: `${third}/probe-linked.css`,
    _cssText: `.linked { color: rgb(30, 64, 175); background: url(probe-linked-bg.png); }`,
  });
  const head = el("head", {}, [
    el("base", { href: `${otherOrigin}/probe-base/` }),
    el("meta", { "http-equiv": "refresh", content: `0;url=${origin}/cdn-cgi/access/logout?probe-refresh` }),
    el("link", { rel: "stylesheet", href: `${third}/probe-stylesheet.css` }),
    el("link", { rel: "preconnect", href: otherOrigin }),
    el("link", { rel: "dns-prefetch", href: "https://probe-dns.third-party.example" }),
    el("link", { rel: "prefetch", href: `${origin}/cdn-cgi/access/logout?probe-prefetch` }),
    el("link", { rel: "preload", as: "image", href: "probe-preload.png" }),
    el("link", { rel: "preload", as: "font", href: `${otherOrigin}/probe-preload.woff2`, crossorigin: "" }),
    el("link", { rel: "preload", as: "image", imagesrcset: "probe-imagesrcset.png 1x", href: "" }),
    el("link", { rel: "icon", href: "probe-icon.png" }),
    el("link", { rel: "manifest", href: "probe-manifest.json" }),
    linkedCss,
    style,
  ]);
  const plainImg = el("img", { id: "plain-img", src: "probe-relative.png", width: "120", height: "80", alt: "" });
  const h1 = el("h1", { id: "title", class: "probe-font", style: `background-image: url(probe-inline-style.png); color: rgb(124, 45, 18)` }, [
    text("URL PROBE"),
  ]);
  const list = el("ul", { class: "cursor" }, [el("li", {}, [text("listed")])]);
  const body = el("body", { background: "probe-body-attr.png" }, [
    h1,
    el("div", { class: "card boxed", id: "card" }, [text("card with CSS")]),
    el("p", { class: "linked" }, [text("linked stylesheet text")]),
    plainImg,
    el("img", { src: `${otherOrigin}/probe-port.png`, width: "50", height: "50" }),
    el("img", { id: "srcset-img", srcset: "probe-1x.png 1x, probe-2x.png 2x", src: `${third}/probe-third.png`, width: "60", height: "40" }),
    el("img", { id: "data-img", src: DATA_GIF, width: "10", height: "10" }),
    el("img", { id: "rr-img", src: "probe-rr-src.png", rr_dataURL: "probe-rr-dataurl.png" }),
    el("picture", {}, [el("source", { srcset: "probe-source.webp", type: "image/webp" }), el("img", { src: "probe-picture.png", width: "30", height: "30" })]),
    el("input", { type: "image", src: "probe-input.png", alt: "go" }),
    el("video", { poster: "probe-poster.png", src: "probe-video.mp4", width: "80", height: "45" }, [
      el("source", { src: "probe-source.mp4" }),
      el("track", { src: "probe-track.vtt", default: "" }),
    ]),
    el("audio", { src: `${otherOrigin}/probe-audio.mp3`, preload: "auto" }),
    el("object", { data: "probe-object.svg", type: "image/svg+xml", width: "20", height: "20" }),
    el("embed", { src: "probe-embed.svg", type: "image/svg+xml", width: "20", height: "20" }),
    el("iframe", { src: `${origin}/cdn-cgi/access/logout?probe-iframe`, width: "40", height: "20" }),
    el("iframe", { srcdoc: `<img src="${otherOrigin}/probe-srcdoc.png">`, width: "40", height: "20" }),
    el("form", { action: `${origin}/api/admin/ops/run-scheduled?probe-form`, method: "post" }, [
      el("button", { formaction: "probe-formaction" }, [text("Send")]),
    ]),
    el("a", { href: `${third}/probe-link`, ping: `${origin}/probe-ping` }, [text("a link")]),
    el("table", { background: "probe-table.png" }, [
      el("tbody", {}, [el("tr", {}, [el("td", { background: "probe-td.png", class: "escaped upper" }, [text("cell")])])]),
    ]),
    list,
    svg("svg", { width: "100", height: "60" }, [
      svg("image", { href: "probe-svg-image.png", width: "40", height: "40" }),
      svg("image", { "xlink:href": `${otherOrigin}/probe-svg-xlink.png`, x: "50", width: "40", height: "40" }),
      svg("use", { href: "probe-sprite.svg#icon" }),
      svg("filter", { id: "f" }, [svg("feImage", { href: "probe-feimage.png" })]),
      svg("rect", { width: "10", height: "10", filter: "url(#f)", fill: "url(#nowhere)" }),
    ]),
    el("canvas", { rr_dataURL: `${third}/probe-canvas.png`, width: "10", height: "10" }),
    el("div", { class: "data-ok" }, [text("data image stays")]),
    el("p", { class: "from-rule adopted declared" }, [text("rules")]),
  ]);
  const html = el("html", {}, [head, body]);
  const doc = documentOf(html);
  const addedImg = el("img", { src: `${third}/probe-added.png`, width: "20", height: "20" });
  const addedStyle = el("style", {}, [text(`.from-rule { background-image: url(probe-added-style.png); }`)]);
  const addedLink = el("link", { rel: "prefetch", href: `${otherOrigin}/probe-added-prefetch` });
  return [
    ...pageLoad(start, "https://shop.example.com/probe", doc),
    mutation(start + 200, {
      adds: [
        { parentId: body.id, nextId: null, node: addedImg },
        { parentId: head.id, nextId: null, node: addedStyle },
        { parentId: head.id, nextId: null, node: addedLink },
      ],
    }),
    mutation(start + 300, {
      attributes: [
        { id: plainImg.id, attributes: { src: "probe-mutated.png", srcset: `${otherOrigin}/probe-mutated-srcset.png 2x` } },
        {
          id: h1.id,
          attributes: {
            style: { "background-image": "url(probe-style-object.png)", "border-image": [`url(${otherOrigin}/probe-style-priority.png) 30`, "important"] },
          },
        },
        { id: list.id, attributes: { style: "list-style-image: url(probe-style-string.png)" } },
      ],
    }),
    mutation(start + 400, { texts: [{ id: styleText.id, value: `${styleText.textContent}\n.boxed { background-image: url(probe-text-mutation.png); }` }] }),
    {
      type: 3,
      timestamp: start + 500,
      data: { source: 8, id: style.id, adds: [{ rule: `.from-rule { border-image: url(${third}/probe-rule.png) 30; }`, index: 0 }] },
    },
    {
      type: 3,
      timestamp: start + 600,
      data: { source: 13, id: style.id, index: [0], set: { property: "background-image", value: "url(probe-declaration.png)", priority: "" } },
    },
    {
      type: 3,
      timestamp: start + 700,
      data: {
        source: 15,
        id: doc.id,
        styleIds: [1],
        styles: [{ styleId: 1, rules: [{ rule: `.adopted { outline-color: red; background-image: url(${otherOrigin}/probe-adopted.png); }`, index: 0 }] }],
      },
    },
    {
      type: 3,
      timestamp: start + 800,
      data: { source: 10, family: "ProbeFace", fontSource: `url(${otherOrigin}/probe-fontface.woff2)`, buffer: false, descriptors: {} },
    },
    { type: 3, timestamp: start + 1500, data: { source: 3, id: 1, x: 0, y: 0 } },
  ];
}
