import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser, BrowserContext, Frame, Page, ViewportSize } from "playwright-core";
import { launchBrowser, outputDir } from "./browser.ts";
import { startWorker, type WorkerServer } from "./worker-server.ts";
import { mintSignInCode } from "./tokens.ts";

/**
 * Signs `page` in to the admin UI at `origin` through a sign-in link with a fresh single-use code;
 * `next` is where to go then (a path without the /admin base), else the session list.
 */
export async function signInAsAdmin(page: Page, origin: string, next?: string): Promise<void> {
  const query = next ? `?next=${encodeURIComponent(next)}` : "";
  await page.goto(`${origin}/admin/sign-in${query}#code=${await mintSignInCode("e2e-admin")}`);
  await page.getByTestId("signed-in-as").waitFor();
}

/** Signs in and opens session `id`'s page. */
export async function openSession(page: Page, origin: string, id: string): Promise<void> {
  await signInAsAdmin(page, origin, `/sessions/${id}`);
  await page.waitForURL(`**/admin/sessions/${id}`);
}

/** The iframe rrweb-player renders the replay into. */
export async function replayFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector(".replay-host iframe");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no replay frame");
  return frame;
}

/** Waits for the replay to show `text`, then seeks to its end with the keyboard; returns the frame. */
export async function replayToEnd(page: Page, text: string): Promise<Frame> {
  const frame = await replayFrame(page);
  await frame.getByText(text).waitFor();
  await page.getByTestId("timeline").focus();
  await page.keyboard.press("End");
  return frame;
}

/** The replay's position and length as the timeline slider says (ms). */
export async function timeline(page: Page): Promise<{ now: number; total: number }> {
  const slider = page.getByTestId("timeline");
  return { now: Number(await slider.getAttribute("aria-valuenow")), total: Number(await slider.getAttribute("aria-valuemax")) };
}

/** How far the replay's position moves while `ms` pass (0 while paused). */
export async function timelineMovesOver(page: Page, ms: number): Promise<number> {
  const before = (await timeline(page)).now;
  await page.waitForTimeout(ms);
  return (await timeline(page)).now - before;
}

/** Seeks the replay to `offsetMs` by clicking the timeline there. */
export async function seekTo(page: Page, offsetMs: number): Promise<void> {
  const slider = page.getByTestId("timeline");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error("the timeline is not on screen");
  const { total } = await timeline(page);
  await slider.click({ position: { x: Math.min(box.width - 1, (box.width * offsetMs) / total), y: box.height / 2 } });
}

/** A page of a fresh browser context, and the Content Security Policy complaints of its console. */
export interface StagePage {
  context: BrowserContext;
  page: Page;
  cspErrors: string[];
}

/** What an admin UI e2e file runs against: one `wrangler dev`, one Chromium, the screenshot folder. */
export interface AdminUiStage {
  readonly server: WorkerServer;
  readonly browser: Browser;
  readonly shots: string;
  /** A page in a fresh context (1440×900 unless told), closed when the test ends. */
  openPage(viewport?: ViewportSize): Promise<StagePage>;
}

/**
 * Sets up the stage for the calling test file (before its own beforeAll hooks) and tears it down
 * after; when a test fails, prints what the worker logged meanwhile (the UI's errors often start there).
 * `vars` override the worker's test vars (as startWorker's do).
 */
export function useAdminUiStage(vars: Record<string, string> = {}): AdminUiStage {
  let server: WorkerServer | undefined;
  let browser: Browser | undefined;
  let shots = "";
  let logOffset = 0;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser, shots] = await Promise.all([startWorker(vars), launchBrowser(), outputDir("admin-ui")]);
  });
  afterEach(async (ctx) => {
    const logs = server?.logs() ?? "";
    if (ctx.task.result?.state === "fail") console.log(logs.slice(logOffset).slice(-4000));
    logOffset = logs.length;
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the admin UI stage is not set up yet");
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get browser() {
      return ready(browser);
    },
    get shots() {
      return shots;
    },
    async openPage(viewport = { width: 1440, height: 900 }) {
      const context = await ready(browser).newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      const cspErrors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      return { context, page, cspErrors };
    },
  };
}

/** Where the heatmap canvas is hottest (the reddest opaque pixel), as shares of its width and height. */
export function hottestHeatmapSpot(page: Page) {
  return page.getByTestId("heatmap-canvas").evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let best = { score: -1, at: 0 };
    for (let i = 0; i < data.length; i += 4) {
      const score = (data[i + 3] ?? 0) * 2 + (data[i] ?? 0) - (data[i + 2] ?? 0);
      if (score > best.score) best = { score, at: i / 4 };
    }
    return { x: (best.at % canvas.width) / canvas.width, y: Math.floor(best.at / canvas.width) / canvas.height };
  });
}
