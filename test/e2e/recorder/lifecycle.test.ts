import { describe, expect, it } from "vitest";
import type { Route } from "playwright-core";
import { busyPageHtml } from "../../helpers/recorder/busy-page.ts";
import { flushRecorder, readStoredSession, type StoredChunk, useRecorderRig, waitFor, openRecording, recordPage } from "../../helpers/recorder/rig.ts";

type Win = {
  __rec: { stop(): void };
  __blobUrls: { made: string[]; revoked: string[] };
  __workers: { started: number; terminated: number };
};

// Watches what the page's own APIs are asked to do (the calls still go through): Blob URLs made
// and revoked, workers started and terminated.
const WATCH_WORKERS = `
  window.__blobUrls = { made: [], revoked: [] };
  window.__workers = { started: 0, terminated: 0 };
  const make = URL.createObjectURL, revoke = URL.revokeObjectURL;
  URL.createObjectURL = (o) => { const u = make(o); window.__blobUrls.made.push(u); return u; };
  URL.revokeObjectURL = (u) => { window.__blobUrls.revoked.push(u); revoke(u); };
  window.Worker = class extends Worker {
    constructor(...args) { super(...args); window.__workers.started++; }
    terminate() { window.__workers.terminated++; super.terminate(); }
  };`;

const rig = useRecorderRig("lifecycle-user", (origin, token) => ({
  "/worker": busyPageHtml(origin, `token: ${JSON.stringify(token)}`, "", WATCH_WORKERS),
  "/hourly": busyPageHtml(origin, `token: ${JSON.stringify(token)}`, "checkoutEveryMs: 3_600_000,"),
  "/busy": busyPageHtml(origin, `token: ${JSON.stringify(token)}`),
}));

/** The digits rrweb recorded for the busy page's #tick, in order (each tick replaces its text node). */
function tickValues(events: StoredChunk["events"]): string[] {
  const values: string[] = [];
  for (const e of events) {
    const adds = e.type === 3 && e.data.source === 0 ? (e.data.adds as Array<{ node: { type: number; textContent?: string } }>) : [];
    for (const a of adds) if (a.node.type === 3 && /^\d+$/.test(a.node.textContent ?? "")) values.push(a.node.textContent ?? "");
  }
  return values;
}

describe("recorder lifecycle", () => {
  it("stop() lets the compression worker finish the last chunk, then terminates it and revokes its Blob URL", async () => {
    const page = await rig.browser.newPage();
    const encodings: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/replay/upload") && r.method() === "POST") encodings.push(r.headers()["content-encoding"] ?? "identity");
    });
    const sessionId = await openRecording(rig, page, "/worker");
    await page.click("#more");
    await flushRecorder(page);
    const running = await page.evaluate(() => ({ workers: (window as unknown as Win).__workers, urls: (window as unknown as Win).__blobUrls }));
    expect(running.workers).toEqual({ started: 1, terminated: 0 });
    expect(running.urls.made).toHaveLength(1);
    expect(running.urls.revoked).toEqual([]);
    const workerUrl = running.urls.made[0];
    // While recording, the worker's code is there to fetch.
    expect(await page.evaluate((u) => fetch(u).then((r) => r.text()), workerUrl)).toContain("CompressionStream");

    const sent = encodings.length;
    await page.click("#more");
    await page.evaluate(() => (window as unknown as Win).__rec.stop());
    await waitFor(
      async () => (await page.evaluate(() => (window as unknown as Win).__workers.terminated)) === 1 || undefined,
      15_000,
      "the worker to be terminated",
    );
    const stopped = await page.evaluate(() => (window as unknown as Win).__blobUrls);
    expect(stopped.revoked).toEqual([workerUrl]);
    expect(
      await page.evaluate(
        (u) =>
          fetch(u).then(
            () => "fetched",
            () => "gone",
          ),
        workerUrl,
      ),
    ).toBe("gone");
    // The chunk cut at stop() was compressed by the worker before it went, and it was stored.
    await waitFor(async () => encodings.length > sent || undefined, 15_000, "the last chunk's upload");
    expect(encodings.every((e) => e === "gzip")).toBe(true);
    const stored = await waitFor(
      async () => {
        const s = await readStoredSession(rig.worker, sessionId);
        return s && s.chunks.length === encodings.length ? s : undefined;
      },
      30_000,
      "every chunk stored",
    );
    expect(stored.chunks.map((c) => c.seq)).toEqual(encodings.map((_, i) => i));
    await page.close();
  });

  it("serializes a page that changes every 100 ms a few times a second, and stop() still records the last change", async () => {
    const { page, sessionId } = await recordPage(rig, "/busy");
    await page.waitForTimeout(4_000);
    // Read and stopped in one task: the last tick's records are with rrweb, held or not.
    const last = await page.evaluate(() => {
      const value = document.getElementById("tick")?.textContent ?? "";
      (window as unknown as Win).__rec.stop();
      return value;
    });
    // The chunk cut at stop() ends with the value the page showed.
    const session = await waitFor(
      async () => {
        const s = await readStoredSession(rig.worker, sessionId);
        const events = s?.chunks.flatMap((c) => c.events) ?? [];
        return tickValues(events).at(-1) === last ? events : undefined;
      },
      20_000,
      `tick ${last} stored`,
    );
    expect(Number(last)).toBeGreaterThan(10);
    // Ten ticks a second, but rrweb's mutation emits are batched (capture/mutation-batch).
    const mutations = session.filter((e) => e.type === 3 && e.data.source === 0);
    const seconds = ((mutations.at(-1)?.timestamp ?? 0) - mutations[0].timestamp) / 1000;
    expect(mutations.length).toBeLessThanOrEqual(3 * seconds + 2);
    await page.close();
  });

  it("takes full snapshots as often as the server's config asks, though its own option says hourly", async () => {
    const page = await rig.browser.newPage();
    // The worker advertises 2 minutes; a server asking for 12 s keeps this test short.
    await page.route(`${rig.worker.origin}/api/replay/config`, async (route: Route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), checkoutEveryMinutes: 0.2 } });
    });
    const sessionId = await openRecording(rig, page, "/hourly");
    await page.waitForTimeout(13_500);
    await flushRecorder(page);
    const session = await waitFor(
      async () => {
        const s = await readStoredSession(rig.worker, sessionId);
        return s && s.chunks.flatMap((c) => c.events).filter((e) => e.type === 2).length >= 2 ? s : undefined;
      },
      20_000,
      "a second full snapshot",
    );
    // Each checkout starts a chunk of its own (Meta, then FullSnapshot), so the server can keep a window from it.
    const checkouts = session.chunks.filter((c) => c.events.some((e) => e.type === 2));
    for (const c of checkouts) expect(c.events.slice(0, 2).map((e) => e.type)).toEqual([4, 2]);
    await page.close();
  });
});
