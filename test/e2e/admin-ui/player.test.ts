import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page, WebSocketRoute } from "playwright-core";
import { openSession, replayFrame, seekTo, type StagePage, signInAsAdmin, timeline, timelineMovesOver, useAdminUiStage } from "../../helpers/admin-ui.ts";
import {
  type RawEvent,
  recordCheckout,
  recordEntryAnimation,
  recordNavigation,
  splitEvents,
  uploadChunk,
  withMouseMoves,
} from "../../helpers/seed-recordings.ts";

// The player against a real `wrangler dev` in real Chromium, on real rrweb recordings: the play
// state of an autoplaying replay, a timeline that keeps its length while chunks stream in, seeks
// onto a page load, and entry animations under a paused replay. Then /admin/live and the live
// player with the live sockets scripted by the test, frame by frame as contract §9 has them
// (live.test.ts runs the same pages against the worker's own sockets).

const stage = useAdminUiStage();
const ids = { long: crypto.randomUUID(), slow: crypto.randomUUID(), site: crypto.randomUUID(), toast: crypto.randomUUID(), live: crypto.randomUUID() };
const recordings: Record<keyof typeof ids, RawEvent[]> = { long: [], slow: [], site: [], toast: [], live: [] };

/** Uploads `events` as session `id` of `sub`, in `parts` chunks. */
async function seed(sub: string, id: string, events: RawEvent[], parts: number) {
  for (const [seq, chunk] of splitEvents(events, parts).entries()) await uploadChunk(stage.server.origin, sub, id, seq, chunk);
}

/** Length of a recording in the player's terms: first to last event, ms. */
const lengthOf = (events: RawEvent[]) => events[events.length - 1].timestamp - events[0].timestamp;

beforeAll(async () => {
  const checkout = await recordCheckout(stage.browser);
  recordings.long = withMouseMoves(checkout, 15);
  recordings.slow = checkout;
  recordings.site = await recordNavigation(stage.browser);
  recordings.toast = withMouseMoves(await recordEntryAnimation(stage.browser), 3);
  await seed("e2e-long", ids.long, recordings.long, 2);
  await seed("e2e-slow", ids.slow, recordings.slow, 2);
  await seed("e2e-site", ids.site, recordings.site, 2);
  await seed("e2e-toast", ids.toast, recordings.toast, 1);
  // The live one: its first third is stored, the rest comes through the (scripted) socket.
  recordings.live = checkout;
  await uploadChunk(stage.server.origin, "e2e-live", ids.live, 0, splitEvents(checkout, 3)[0]);
});

/** A fresh stage page (see useAdminUiStage) on session `id`; `prepare` may route requests first. */
async function onSession(id: string, prepare?: (page: Page) => Promise<unknown>): Promise<StagePage> {
  const opened = await stage.openPage();
  await prepare?.(opened.page);
  await openSession(opened.page, stage.server.origin, id);
  return opened;
}

const playButton = (page: Page, label: "Play" | "Pause") => page.getByRole("button", { name: new RegExp(`^${label} \\(Space\\)`) });

/** Session `id`'s page once the replay shows `text`, paused there (one press: see the first test). */
async function pausedOn(id: string, text: string) {
  const opened = await onSession(id);
  const frame = await replayFrame(opened.page);
  await frame.getByText(text).waitFor();
  await opened.page.getByTestId("play-toggle").click();
  await playButton(opened.page, "Play").waitFor();
  return { ...opened, frame };
}

describe("player", () => {
  it("reads Pause while the replay plays by itself, and pauses with one press", async () => {
    const { page } = await onSession(ids.long);
    await (await replayFrame(page)).getByText("Checkout for Ada").waitFor();
    // The replay started by itself: the button says what pressing it does.
    await playButton(page, "Pause").waitFor({ timeout: 3_000 });
    expect(await timelineMovesOver(page, 300)).toBeGreaterThan(0);
    await page.getByTestId("play-toggle").click();
    await playButton(page, "Play").waitFor({ timeout: 2_000 });
    expect(await timelineMovesOver(page, 500)).toBe(0);
    await page.screenshot({ path: join(stage.shots, "player-paused.png"), fullPage: true });
  });

  it("keeps the timeline's length while chunks stream in, and plays on into them", async () => {
    // The second chunk takes 2 s to arrive.
    const { page } = await onSession(ids.slow, (p) =>
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
  });

  it("shows the next page at its own scroll position when seeking onto its load", async () => {
    const { page, frame } = await pausedOn(ids.site, "Article top");
    // On the first page, after its scroll: scrolled down.
    const events = recordings.site;
    const start = events[0].timestamp;
    const scrolled = events.find((e) => e.type === 3 && e.data.source === 3);
    if (!scrolled) throw new Error("the recording has no scroll");
    await seekTo(page, scrolled.timestamp - start + 300);
    await expect.poll(() => frame.evaluate(() => window.scrollY)).toBe(1500);
    expect(await frame.locator("h1").textContent()).toBe("Article top");
    // Forward, onto the second page's load (its entry in the event list): that page, at its top.
    await page.locator(".event-entry.kind-navigation", { hasText: "/next" }).click();
    await expect.poll(() => frame.locator("h1").textContent()).toBe("Next page top");
    expect(await frame.evaluate(() => window.scrollY)).toBe(0);
  });

  it("lets an entry animation finish when a paused seek lands in the middle of it", async () => {
    const { page, frame } = await pausedOn(ids.toast, "Show");
    const events = recordings.toast;
    const added = events.find((e) => e.type === 3 && e.data.source === 0 && JSON.stringify(e.data).includes("toast"));
    if (!added) throw new Error("the recording has no added note");
    // 200 ms into the note's 1.2 s fade-in, paused.
    await seekTo(page, added.timestamp - events[0].timestamp + 200);
    await frame.locator("#toast").waitFor();
    await page.waitForTimeout(1_600);
    expect(await frame.locator("#toast").evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    await playButton(page, "Play").waitFor();
  });
});

/** Answers the ticket route and takes over the live sockets: the test plays the server's part. */
async function scriptLiveSockets(page: Page) {
  const tickets: unknown[] = [];
  const sockets: WebSocketRoute[] = [];
  await page.route("**/api/admin/live/tickets", async (route) => {
    tickets.push(route.request().postDataJSON());
    await route.fulfill({
      status: 201,
      contentType: "application/json",
      body: JSON.stringify({ ticket: `ticket-${tickets.length}`, expiresAt: Date.now() + 60_000 }),
    });
  });
  await page.routeWebSocket(/\/api\/admin\/(live|sessions\/[^/]+\/live)\?ticket=/, (ws) => void sockets.push(ws));
  /** The `n`th socket the page opened (1 first), once it has. */
  const socket = async (n: number) => {
    await expect.poll(() => sockets.length).toBeGreaterThanOrEqual(n);
    return { send: (frame: unknown) => sockets[n - 1].send(JSON.stringify(frame)), route: sockets[n - 1] };
  };
  return { tickets, sockets, socket };
}

/** A §5-shaped session entry for the live list. */
const entry = (id: string, chunkCount: number, status: "live" | "ended" = "live") => ({
  id,
  userId: "e2e-long",
  startedAt: Date.now() - 30_000,
  endedAt: Date.now() - 1_000,
  bytes: 4096,
  status,
  meta: {
    ua: "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
    viewport: { width: 1000, height: 600 },
    url: "https://shop.example.com/checkout?step=redacted",
  },
  chunkCount,
  lastUrl: "https://shop.example.com/checkout?step=redacted",
});

describe("live, with the sockets scripted as contract §9 has them", () => {
  it("/admin/live lists the sessions being recorded, updated without a reload, and survives a dropped socket", async () => {
    const { page, cspErrors } = await stage.openPage();
    const live = await scriptLiveSockets(page);
    await signInAsAdmin(page, stage.server.origin, "/live");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Live" }).getAttribute("class")).toContain("active");
    const first = await live.socket(1);
    expect(live.tickets).toEqual([{}]);
    expect(first.route.url()).toBe(`${stage.server.origin.replace("http:", "ws:")}/api/admin/live?ticket=ticket-1`);
    first.send({ type: "sessions", sessions: [] });
    await page.getByText("No session is being recorded right now.").waitFor();
    await page.locator('[data-testid=connection-status][data-state="open"]').waitFor();
    await page.screenshot({ path: join(stage.shots, "live-empty.png"), fullPage: true });

    // A session starts: its row appears, linking to a player that follows it.
    first.send({ type: "session", session: entry(ids.long, 1) });
    const row = page.locator(`tr[data-session-id="${ids.long}"]`);
    await row.waitFor();
    expect(await row.locator("a.row-link").getAttribute("href")).toBe(`/admin/sessions/${ids.long}?live`);
    await page.screenshot({ path: join(stage.shots, "live-list.png"), fullPage: true });

    // The socket drops: the page says so, asks for a new ticket and starts again from the new first frame.
    first.route.close();
    await expect.poll(() => live.sockets.length, { timeout: 5_000 }).toBe(2);
    expect(live.tickets).toEqual([{}, {}]);
    (await live.socket(2)).send({ type: "sessions", sessions: [entry(ids.long, 5)] });
    await expect.poll(() => row.locator("td.num").textContent()).toBe("5");
    await page.locator('[data-testid=connection-status][data-state="open"]').waitFor();

    // It ends: gone from the list.
    (await live.socket(2)).send({ type: "session", session: entry(ids.long, 5, "ended") });
    await page.getByText("No session is being recorded right now.").waitFor();
    (await live.socket(2)).send({ type: "session", session: entry(ids.long, 6) });
    await row.click();
    await page.waitForURL(`**/admin/sessions/${ids.long}?live`);
    await (await replayFrame(page)).getByText("Checkout for Ada").waitFor();
    expect(cspErrors).toEqual([]);
  });

  it("the player follows a live session, keeps buffering while paused, jumps to live, and stops when it is erased", async () => {
    const { page, cspErrors } = await stage.openPage();
    const live = await scriptLiveSockets(page);
    await signInAsAdmin(page, stage.server.origin, `/sessions/${ids.live}?live`);
    const frame = await replayFrame(page);
    await frame.getByText("Checkout for Ada").waitFor();
    const ws = await live.socket(1);
    expect(live.tickets).toEqual([{ sessionId: ids.live }]);
    ws.send({ type: "hello", sessionId: ids.live, lastSeq: 0 });
    await page.getByTestId("live-badge").waitFor();
    await page.locator('[data-testid=connection-status][data-state="open"]').waitFor();
    // Opened from /admin/live: it goes to the newest events by itself.
    await page.getByRole("button", { name: "Following live" }).waitFor();

    const [, typing, paying] = splitEvents(recordings.live, 3);
    ws.send({ type: "chunk", seq: 1, events: typing });
    await expect.poll(() => frame.locator("#email").inputValue(), { timeout: 5_000 }).not.toBe("");
    await page.screenshot({ path: join(stage.shots, "live-player.png"), fullPage: true });

    // Paused, the next chunk is kept (its click is listed) but not played...
    await page.getByTestId("play-toggle").click();
    await playButton(page, "Play").waitFor();
    ws.send({ type: "chunk", seq: 2, events: paying });
    await page.getByTestId("event-list").getByText("Click on button#pay").waitFor();
    await page.waitForTimeout(800);
    expect(await frame.getByText("Payment accepted").count()).toBe(0);
    // ...until jump to live plays on to the end of it.
    await page.getByTestId("jump-to-live").click();
    await frame.getByText("Payment accepted").waitFor({ timeout: 5_000 });

    // Erased: the replay goes, and the socket is not reopened.
    ws.send({ type: "erased" });
    ws.route.close();
    await page.getByTestId("session-erased").waitFor();
    expect(await page.locator(".replay-host").count()).toBe(0);
    await page.waitForTimeout(2_000);
    expect(live.sockets).toHaveLength(1);
    expect(live.tickets).toHaveLength(1);
    expect(cspErrors).toEqual([]);
  });
});
