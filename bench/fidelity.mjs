// Replay fidelity: the recording replayed with rrweb's Replayer at the moment the page was
// screenshotted, screenshotted the same way, and the share of pixels that differ.

/** The host page that replays events (served by the host next to /replayer.js). */
export const REPLAY_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/replayer.css">
<style>html,body{margin:0;padding:0;overflow:hidden} .replayer-mouse,.replayer-mouse-tail{display:none!important} .replayer-wrapper{position:absolute;left:0;top:0} iframe{border:0}</style>
</head><body><script type="module" src="/replayer.js"></script></body></html>`;

/** A channel-sum difference above this (of 765) counts a pixel as different: anti-aliasing stays below it. */
const PIXEL_THRESHOLD = 48;

/** Stops the page changing, lets recorders see the last changes, and screenshots the viewport; returns the PNG and the page's clock. */
export async function captureTruth(page) {
  await page.evaluate(() => window.__freezePage());
  await page.waitForTimeout(1500);
  const at = await page.evaluate(() => Date.now());
  const png = await page.screenshot();
  return { at, png };
}

/** The events our worker stored for a session, in order, read back through the admin API and the signed chunk URLs. */
export async function readStoredEvents(workerOrigin, sessionId, adminToken) {
  const res = await fetch(`${workerOrigin}/api/admin/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!res.ok) throw new Error(`admin read of session ${sessionId}: ${res.status} ${await res.text()}`);
  const { chunks } = await res.json();
  const events = [];
  for (const c of [...chunks].sort((a, b) => a.seq - b.seq)) events.push(...(await (await fetch(c.url)).json()));
  return events;
}

/** Raw rrweb's events, from the upload bodies the sink kept. */
export function sinkEvents(bodies) {
  return bodies.flatMap((b) => JSON.parse(b).events);
}

/** What a recording holds: events by kind, mutation parts (adds, removes, texts, attributes), JSON bytes. */
export function eventStats(events) {
  const stats = { events: events.length, jsonBytes: JSON.stringify(events).length, byKind: {}, adds: 0, removes: 0, texts: 0, attributes: 0 };
  for (const e of events) {
    const kind = e.type === 3 ? `incremental:${e.data.source}` : `type:${e.type}`;
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (e.type === 3 && e.data.source === 0) for (const part of ["adds", "removes", "texts", "attributes"]) stats[part] += e.data[part]?.length ?? 0;
  }
  return stats;
}

/** Replays `events` up to `at` (the page's clock) in a fresh page and screenshots the replayed viewport. */
export async function replayScreenshot(browser, hostOrigin, events, at, viewport) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(`${hostOrigin}/__replay`);
    await page.waitForFunction(() => Boolean(window.Replayer));
    await page.evaluate(
      ([evs, t]) => {
        const replayer = new window.Replayer(evs, {
          root: document.body,
          mouseTail: false,
          showWarning: false,
          showDebug: false,
          triggerFocus: false,
          speed: 1,
        });
        replayer.pause(t - evs[0].timestamp);
      },
      [events, at],
    );
    await page.waitForTimeout(1000);
    return await page.locator("iframe").screenshot();
  } finally {
    await context.close();
  }
}

/** Share of pixels (0 to 1) that differ between two PNGs of the same size, compared in a page's canvas. */
export async function pixelDiffRatio(browser, pngA, pngB) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(
      async ([a, b, threshold]) => {
        const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const [ia, ib] = await Promise.all([load(a), load(b)]);
        const w = Math.max(ia.width, ib.width);
        const h = Math.max(ia.height, ib.height);
        const pixels = (img) => {
          const c = new OffscreenCanvas(w, h);
          const g = c.getContext("2d");
          g.fillStyle = "#f0f";
          g.fillRect(0, 0, w, h);
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, w, h).data;
        };
        const pa = pixels(ia);
        const pb = pixels(ib);
        let differ = 0;
        for (let i = 0; i < pa.length; i += 4)
          if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > threshold) differ++;
        return differ / (w * h);
      },
      [pngA.toString("base64"), pngB.toString("base64"), PIXEL_THRESHOLD],
    );
  } finally {
    await context.close();
  }
}
