import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startWorker, type WorkerServer } from "../../helpers/worker-server.ts";
import { launchBrowser, outputDir } from "../../helpers/browser.ts";
import { openSession, replayFrame, seekTo, timeline } from "../../helpers/admin-ui.ts";
import { type RawEvent, recordCheckout, recordEntryAnimation, recordNavigation, splitEvents, uploadChunk, withMouseMoves } from "../../helpers/seed-recordings.ts";

// The player against a real `wrangler dev` in real Chromium, on real rrweb recordings: the play
// state of an autoplaying replay, a timeline that keeps its length while chunks stream in, seeks
// onto a page load, and entry animations under a paused replay.

let server: WorkerServer;
let browser: Browser;
let shots: string;
const ids = { long: crypto.randomUUID(), slow: crypto.randomUUID(), site: crypto.randomUUID(), toast: crypto.randomUUID() };
const recordings: Record<keyof typeof ids, RawEvent[]> = { long: [], slow: [], site: [], toast: [] };

/** Uploads `events` as session `id` of `sub`, in `parts` chunks. */
async function seed(sub: string, id: string, events: RawEvent[], parts: number) {
  for (const [seq, chunk] of splitEvents(events, parts).entries()) await uploadChunk(server.origin, sub, id, seq, chunk);
}

/** Length of a recording in the player's terms: first to last event, ms. */
const lengthOf = (events: RawEvent[]) => events[events.length - 1].timestamp - events[0].timestamp;

beforeAll(async () => {
  [server, browser, shots] = await Promise.all([startWorker(), launchBrowser(), outputDir("admin-ui")]);
  const checkout = await recordCheckout(browser);
  recordings.long = withMouseMoves(checkout, 15);
  recordings.slow = checkout;
  recordings.site = await recordNavigation(browser);
  recordings.toast = withMouseMoves(await recordEntryAnimation(browser), 3);
  await seed("e2e-long", ids.long, recordings.long, 2);
  await seed("e2e-slow", ids.slow, recordings.slow, 2);
  await seed("e2e-site", ids.site, recordings.site, 2);
  await seed("e2e-toast", ids.toast, recordings.toast, 1);
});

let logOffset = 0;
afterEach((ctx) => {
  const logs = server.logs();
  if (ctx.task.result?.state === "fail") console.log(logs.slice(logOffset).slice(-4000));
  logOffset = logs.length;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh context on session `id`'s page; `prepare` may route requests first. */
async function onSession(id: string, prepare?: (page: Page) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await prepare?.(page);
  await openSession(page, server.origin, id);
  return { context, page };
}

const playButton = (page: Page, label: "Play" | "Pause") => page.getByRole("button", { name: new RegExp(`^${label} \\(Space\\)`) });

describe("player", () => {
  it("reads Pause while the replay plays by itself, and pauses with one press", async () => {
    const { context, page } = await onSession(ids.long);
    await (await replayFrame(page)).getByText("Checkout for Ada").waitFor();
    // The replay started by itself: the button says what pressing it does.
    await playButton(page, "Pause").waitFor({ timeout: 3_000 });
    const before = (await timeline(page)).now;
    await page.waitForTimeout(300);
    expect((await timeline(page)).now).toBeGreaterThan(before);
    await page.getByTestId("play-toggle").click();
    await playButton(page, "Play").waitFor({ timeout: 2_000 });
    const paused = (await timeline(page)).now;
    await page.waitForTimeout(500);
    expect((await timeline(page)).now).toBe(paused);
    await page.screenshot({ path: join(shots, "player-paused.png"), fullPage: true });
    await context.close();
  });

  it("keeps the timeline's length while chunks stream in, and plays on into them", async () => {
    // The second chunk takes 2 s to arrive.
    const { context, page } = await onSession(ids.slow, (p) =>
      p.route(/\/api\/chunks\/[^/]+\/1\?/, async (route) => {
        await new Promise((r) => setTimeout(r, 2_000));
        await route.continue();
      }),
    );
    const frame = await replayFrame(page);
    await frame.getByText("Checkout for Ada").waitFor();
    const first = await timeline(page);
    expect(first.total).toBe(lengthOf(recordings.slow));
    // Nobody touches the player: it reaches the click of the second chunk by itself.
    await frame.getByText("Payment accepted").waitFor({ timeout: 15_000 });
    expect((await timeline(page)).total).toBe(first.total);
    await context.close();
  });

  it("shows the next page at its own scroll position when seeking onto its load", async () => {
    const { context, page } = await onSession(ids.site);
    const frame = await replayFrame(page);
    await frame.getByText("Article top").waitFor();
    await page.getByTestId("play-toggle").click();
    await playButton(page, "Play").waitFor();
    // On the first page, after its scroll: scrolled down.
    const events = recordings.site;
    const start = events[0].timestamp;
    const scrolled = events.find((e) => e.type === 3 && e.data.source === 3);
    if (!scrolled) throw new Error("the recording has no scroll");
    await seekTo(page, scrolled.timestamp - start + 300);
    await expect.poll(() => frame.evaluate(() => window.scrollY)).toBe(1500);
    expect(await frame.locator("h1").innerText()).toBe("Article top");
    // Forward, onto the second page's load (its entry in the event list): that page, at its top.
    await page.locator(".event-entry.kind-navigation", { hasText: "/next" }).click();
    await expect.poll(() => frame.locator("h1").innerText()).toBe("Next page top");
    expect(await frame.evaluate(() => window.scrollY)).toBe(0);
    await context.close();
  });

  it("lets an entry animation finish when a paused seek lands in the middle of it", async () => {
    const { context, page } = await onSession(ids.toast);
    const frame = await replayFrame(page);
    await frame.getByText("Show").waitFor();
    await page.getByTestId("play-toggle").click();
    await playButton(page, "Play").waitFor();
    const events = recordings.toast;
    const added = events.find((e) => e.type === 3 && e.data.source === 0 && JSON.stringify(e.data).includes("toast"));
    if (!added) throw new Error("the recording has no added note");
    // 200 ms into the note's 1.2 s fade-in, paused.
    await seekTo(page, added.timestamp - events[0].timestamp + 200);
    await frame.locator("#toast").waitFor();
    await page.waitForTimeout(1_600);
    expect(await frame.locator("#toast").evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    await playButton(page, "Play").waitFor();
    await context.close();
  });
});
