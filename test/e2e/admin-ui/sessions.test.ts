import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { mintToken } from "../../helpers/tokens.ts";
import { openSession, replayFrame, replayToEnd, type StagePage, signInAsAdmin, timelineMovesOver, useAdminUiStage } from "../../helpers/admin-ui.ts";
import { DEVICE_TYPES } from "../../../protocol/enums.ts";
import { forgedEvents, recordCheckout, splitEvents, uploadChunk } from "../../helpers/seed-recordings.ts";

// The admin UI against a real `wrangler dev` (local D1/R2) in real Chromium. Seeds: a session
// recorded with rrweb in Chromium (two chunks), a session with a missing chunk, a forged session.

const ALICE = "e2e-alice";
const BOB = "e2e-bob";
const GAPPY = "e2e-gappy";
/** A user id that is itself markup: it must show up as text. */
const EVIL_USER = `<img src=x onerror="alert('sub')">`;

const stage = useAdminUiStage();
const ids = { alice: crypto.randomUUID(), bob: crypto.randomUUID(), gappy: crypto.randomUUID(), forged: crypto.randomUUID(), live: crypto.randomUUID() };
let recorded: Awaited<ReturnType<typeof recordCheckout>>;

beforeAll(async () => {
  const { server } = stage;
  recorded = await recordCheckout(stage.browser);
  const [first, second] = splitEvents(recorded, 2);
  await uploadChunk(server.origin, ALICE, ids.alice, 0, first);
  await uploadChunk(server.origin, ALICE, ids.alice, 1, second);
  // Bob: a short session of his own, so the user filter has something to leave out.
  await uploadChunk(server.origin, BOB, ids.bob, 0, first, { url: "https://shop.example.com/cart" });
  // Gappy: chunks 0 and 2 arrived, 1 never did.
  const thirds = splitEvents(recorded, 3);
  await uploadChunk(server.origin, GAPPY, ids.gappy, 0, thirds[0]);
  await uploadChunk(server.origin, GAPPY, ids.gappy, 2, thirds[2]);
  await uploadChunk(server.origin, EVIL_USER, ids.forged, 0, forgedEvents(Date.now() - 5_000), { url: "javascript:alert('url')" });
});

/** A stage page (CSP complaints collected) that also counts dialogs and records admin-API answers. */
async function open(): Promise<StagePage & { dialogs: string[]; apiOk: string[] }> {
  const opened = await stage.openPage();
  const { page } = opened;
  const dialogs: string[] = [];
  const apiOk: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/admin/") && r.status() === 200) apiOk.push(path);
  });
  return { ...opened, dialogs, apiOk };
}

/** A fresh context (as `open` makes) with an admin signed in on session `id`'s page. */
async function openOnSession(id: string): ReturnType<typeof open> {
  const opened = await open();
  await openSession(opened.page, stage.server.origin, id);
  return opened;
}

/** Nothing of `dataSelector` is on the page and no admin API call succeeded; keeps a screenshot. */
async function expectNoData(page: Page, dataSelector: string, apiOk: string[], shot: string) {
  expect(await page.locator(dataSelector).count()).toBe(0);
  expect(apiOk).toEqual([]);
  await page.screenshot({ path: join(stage.shots, shot) });
}

async function sliderValue(page: Page): Promise<number> {
  return Number(await page.getByTestId("timeline").getAttribute("aria-valuenow"));
}

describe("admin UI: access", () => {
  it("sends a signed-out visitor to sign-in and shows no data", async () => {
    const { page, apiOk } = await open();
    await page.goto(`${stage.server.origin}/admin/sessions?user=${ALICE}`);
    await page.getByTestId("sign-in").waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/sessions?user=${ALICE}`);
    await expectNoData(page, "table", apiOk, "sign-in.png");
  });

  it("shows a non-admin the not-allowed page and never answers a data request", async () => {
    const { page, apiOk } = await open();
    // A valid admin-secret token that is not an admin's (no admin role, not listed).
    await page.goto(`${stage.server.origin}/admin/sign-in`);
    await page.locator("#token").fill(await mintToken("e2e-plain-user", { kind: "admin" }));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("not-allowed").waitFor();
    await page.goto(`${stage.server.origin}/admin/sessions/${ids.alice}`);
    await page.getByTestId("not-allowed").waitFor();
    await expectNoData(page, "table, .replay-host, [data-testid=session-meta]", apiOk, "not-allowed.png");
  });

  it("sends an expired token back to sign-in with a clear message", async () => {
    const { page } = await open();
    await page.goto(`${stage.server.origin}/admin/sign-in`);
    await page.locator("#token").fill(await mintToken("e2e-admin", { admin: true, ttlSeconds: -60 }));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "expired" }).waitFor();
    expect(page.url()).not.toContain("token=");
    // The sign-in box works: a valid token gets in.
    await page.locator("#token").fill(await mintToken("e2e-admin", { admin: true }));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("sessions-table").waitFor();
  });
});

describe("admin UI: sessions and replay", () => {
  it("signs in from the printed link, filters by user and lists the session", async () => {
    const { context, page } = await open();
    await signInAsAdmin(page, stage.server.origin);
    // The token left the address bar and lives in this tab's sessionStorage only.
    expect(page.url()).toBe(`${stage.server.origin}/admin/sessions`);
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    await page.getByTestId("sessions-table").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(4); // alice, bob, gappy, forged

    await page.getByTestId("filter-user").fill(ALICE);
    await page.getByTestId("filter-user").press("Enter");
    await page.waitForURL((u) => u.searchParams.get("user") === ALICE);
    await page.locator(`tr[data-session-id="${ids.bob}"]`).waitFor({ state: "detached" });
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute("data-session-id")).toBe(ids.alice);
    const text = await row.textContent();
    expect(text).toContain(ALICE);
    // The worker redacts query values before storing the URL (the recorder's policy: step is not allow-listed).
    expect(text).toContain("shop.example.com/checkout?step=redacted");
    expect(text).toContain("Chrome 126 · Linux");
    expect(text).toContain("1000×600");
    expect(text).toMatch(/\d+(\.\d)? KB/);
    await page.screenshot({ path: join(stage.shots, "sessions-list.png"), fullPage: true });

    // A shared link keeps the filter through sign-in (a new tab has no token: it stays per tab).
    const shared = await context.newPage();
    await shared.goto(page.url());
    await shared.getByTestId("sign-in").waitFor();
    await shared.locator("#token").fill(await mintToken("e2e-other-admin", { admin: true }));
    await shared.locator("#token").press("Enter");
    await shared.getByTestId("sessions-table").waitFor();
    expect(new URL(shared.url()).searchParams.get("user")).toBe(ALICE);
    expect(await shared.locator("tbody tr").count()).toBe(1);

    // The order is kept in the URL with the filters, and Clear drops the filters but keeps the order.
    await page.getByTestId("filter-sort").selectOption("frustration");
    await page.getByTestId("filter-apply").click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "frustration" && u.searchParams.get("user") === ALICE);
    expect(await page.locator("tbody tr").first().getAttribute("data-session-id")).toBe(ids.alice);
    await page.reload();
    await page.getByTestId("sessions-table").waitFor();
    expect(await page.getByTestId("filter-sort").inputValue()).toBe("frustration");
    // No device filter: "Any" (an empty value) is chosen, before every device type.
    expect(await page.getByTestId("filter-device").inputValue()).toBe("");
    expect(await page.getByTestId("filter-device").locator("option").allTextContents()).toEqual(["Any", ...DEVICE_TYPES]);
    await page.getByRole("button", { name: "Clear" }).click();
    await page.waitForURL((u) => u.searchParams.get("user") === null && u.searchParams.get("sort") === "frustration");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(4);
  });

  it("replays the recorded page with speed, seek and pause", async () => {
    const { page, cspErrors, dialogs } = await open();
    await signInAsAdmin(page, stage.server.origin);
    await page.getByTestId("sessions-table").waitFor();
    // Keyboard: focus the first row link, walk down, open with Enter.
    await page.locator(`tr[data-session-id="${ids.alice}"] a.row-link`).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/admin/sessions/${ids.alice}`);

    const frame = await replayFrame(page);
    await frame.getByText("Checkout for Ada").waitFor();
    await page.getByTestId("event-list").getByText("Click on button#pay").waitFor();
    await page.getByTestId("event-list").getByText("Input in input#email").waitFor();
    // The worker scans what raw rrweb sent: the replay shows the URL as the session list does.
    await page.getByTestId("event-list").getByText("shop.example.com/checkout?step=redacted").first().waitFor();
    expect(await page.locator(".timeline-marker.marker-click").count()).toBeGreaterThan(0);

    await page.getByTestId("speed-16").click();
    expect(await page.getByTestId("speed-16").getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId("speed-1").getAttribute("aria-pressed")).toBe("false");

    // Seek to the end with the keyboard: the replayed DOM shows the click's result and the typed text
    // (raw rrweb sent the e-mail address as typed; the worker's scan stored its placeholder).
    await page.getByTestId("timeline").focus();
    await page.keyboard.press("End");
    await frame.getByText("Payment accepted").waitFor();
    expect(await frame.locator("#email").inputValue()).toBe("[email]");
    const end = await sliderValue(page);
    expect(end).toBeGreaterThan(0);

    // Seek to the start: the page is back to before the click.
    await page.keyboard.press("Home");
    await frame.getByText("Waiting for payment").waitFor();
    expect(await frame.locator("#email").inputValue()).toBe("");
    // (The player lands just past the first full snapshot, a few ms in.)
    expect(await sliderValue(page)).toBeLessThan(end / 2);

    // Click an entry of the event list: the replay jumps to the click (typed, not yet paid).
    const payEntry = page.getByRole("button", { name: /Click on button#pay/ });
    await payEntry.click();
    await page.locator('.event-entry[aria-current="true"]', { hasText: "Click on button#pay" }).waitFor();
    expect(await frame.locator("#email").inputValue()).toBe("[email]");
    await frame.getByText("Waiting for payment").waitFor();
    const atClick = await sliderValue(page);
    expect(atClick).toBeLessThanOrEqual(end);

    // Play, then pause: the position stops moving.
    await page.getByTestId("timeline").focus();
    await page.keyboard.press("Home");
    await page.getByTestId("play-toggle").click();
    await page.getByRole("button", { name: /^Pause/ }).waitFor();
    await page.getByTestId("play-toggle").click();
    await page.getByRole("button", { name: /^Play/ }).waitFor();
    expect(await timelineMovesOver(page, 400)).toBe(0);

    await page.keyboard.press("End");
    await frame.getByText("Payment accepted").waitFor();
    await page.screenshot({ path: join(stage.shots, "session-player.png"), fullPage: true });
    expect(cspErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("streams in chunks of a live session while it is being watched", async () => {
    const [first, second] = splitEvents(recorded, 2);
    await uploadChunk(stage.server.origin, "e2e-live", ids.live, 0, first);
    const { page } = await openOnSession(ids.live);
    const frame = await replayFrame(page);
    await frame.getByText("Checkout for Ada").waitFor();
    expect(await page.getByTestId("event-list").getByText("Click on button#pay").count()).toBe(0);
    // The user goes on: a new chunk arrives and the open player picks it up by itself.
    await uploadChunk(stage.server.origin, "e2e-live", ids.live, 1, second);
    await page.getByTestId("event-list").getByText("Click on button#pay").waitFor({ timeout: 20_000 });
    await page.keyboard.press("End");
    await frame.getByText("Payment accepted").waitFor();
  });

  it("shows a missing chunk as a gap on the timeline", async () => {
    const { page } = await openOnSession(ids.gappy);
    await page.getByTestId("timeline-gap").waitFor();
    expect(await page.getByTestId("timeline-gap").getAttribute("title")).toBe("Chunk 1 is missing");
    await page.getByTestId("event-list").getByText("Chunk 1 is missing").waitFor();
    await (await replayFrame(page)).getByText("Checkout for Ada").waitFor();
    await page.screenshot({ path: join(stage.shots, "session-gap.png"), fullPage: true });
  });

  it("replays a forged recording without running any of its code", async () => {
    const { page, dialogs } = await open();
    await signInAsAdmin(page, stage.server.origin);
    await page.getByTestId("sessions-table").waitFor();
    // The markup in the user id is shown as text, not parsed.
    await page.locator(`tr[data-session-id="${ids.forged}"]`).getByText(EVIL_USER).waitFor();
    await page.locator(`tr[data-session-id="${ids.forged}"]`).click();
    const frame = await replayToEnd(page, "FORGED PAGE");
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await frame.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await frame.evaluate(() => document.querySelectorAll("script").length)).toBe(0);
    // rrweb's iframe stays sandboxed without scripts.
    expect(await page.locator(".replay-host iframe").getAttribute("sandbox")).toBe("allow-same-origin");
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(stage.shots, "session-forged.png"), fullPage: true });
  });

  it("deletes a session after confirmation", async () => {
    const { page } = await openOnSession(ids.bob);
    await page.getByTestId("delete-session").click();
    await page.getByRole("dialog").waitFor();
    // Cancel keeps it.
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.getByTestId("delete-session").click();
    await page.getByTestId("confirm-delete").click();
    await page.waitForURL(/\/admin\/sessions$/);
    await page.getByTestId("sessions-table").waitFor();
    expect(await page.locator(`tr[data-session-id="${ids.bob}"]`).count()).toBe(0);
    const admin = await mintToken("e2e-admin", { admin: true });
    const res = await fetch(`${stage.server.origin}/api/admin/sessions/${ids.bob}`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(404);
  });

  it("shows the last hour of metrics with charts", async () => {
    const { page } = await open();
    await signInAsAdmin(page, stage.server.origin, "/metrics");
    await page.getByTestId("metric-cards").waitFor();
    expect(await page.locator(".chart svg").count()).toBe(5);
    // Eight chunks were uploaded in this file (Bob's erasure does not undo the counter).
    const uploads = page.locator(".stat").filter({ has: page.locator(".stat-label", { hasText: /^uploads$/ }) });
    expect(await uploads.locator(".stat-value").textContent()).toBe("8");
    expect(await page.locator(".chart rect").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(stage.shots, "metrics.png"), fullPage: true });
  });
});
