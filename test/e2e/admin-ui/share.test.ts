import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { openSession, replayToEnd, useAdminUiStage } from "../../helpers/admin-ui.ts";
import { recordCheckout, splitEvents, uploadChunk } from "../../helpers/seed-recordings.ts";

// Share links end to end (contract §10), against a real `wrangler dev` in real Chromium: an admin
// makes a link on the session page, a fresh browser context with no token plays it, and once the
// admin revokes it the page says so.

/** Chunk URLs live 10 s (the least REPLAY_SIGNED_URL_TTL_SECONDS takes), so the page must refresh them while it plays. */
const SIGNED_URL_TTL_SECONDS = 10;
const stage = useAdminUiStage({ REPLAY_SIGNED_URL_TTL_SECONDS: String(SIGNED_URL_TTL_SECONDS) });
const sessionId = crypto.randomUUID();

beforeAll(async () => {
  const recorded = await recordCheckout(stage.browser);
  for (const [seq, chunk] of splitEvents(recorded, 2).entries()) await uploadChunk(stage.server.origin, "e2e-shared-user", sessionId, seq, chunk);
});

/** The share list's one row, once it shows `state`. */
async function shareRow(page: Page, state: string) {
  const row = page.locator(`[data-testid="share-row"][data-state="${state}"]`);
  await row.waitFor();
  return row;
}

describe("share links", () => {
  it("an admin shares a session, a visitor without any token plays it, and after revoking the page says so", async () => {
    const { page: adminPage } = await stage.openPage();
    await openSession(adminPage, stage.server.origin, sessionId);
    await adminPage.getByTestId("share-list").getByText("No share links yet").waitFor();

    await adminPage.getByTestId("share-session").click();
    await adminPage.getByLabel("1 hour").check();
    await adminPage.getByTestId("create-share").click();
    const url = await adminPage.getByTestId("share-url").inputValue();
    expect(url).toMatch(new RegExp(`^${stage.server.origin}/share/[A-Za-z0-9_-]{43}$`));
    await adminPage.screenshot({ path: join(stage.shots, "share-dialog.png") });
    await adminPage.getByTestId("close-share").click();
    // The link was shown once: after closing (and on any later visit) it is nowhere on the page.
    expect(await adminPage.getByTestId("share-url").count()).toBe(0);
    expect(await (await shareRow(adminPage, "active")).getByTestId("share-views").textContent()).toBe("0");
    expect(await adminPage.content()).not.toContain(url);

    // A stranger's browser: no admin token, no session storage.
    const { page, cspErrors } = await stage.openPage({ width: 1280, height: 900 });
    const adminCalls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/admin")) adminCalls.push(r.url());
    });
    // The page's share API calls, and the view value each sent (none on the page load's first).
    const shareCalls: Array<string | undefined> = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/share/")) shareCalls.push(r.headers()["share-view"]);
    });
    // The first chunk read is held until its signed URL has expired: the server refuses it (403)
    // and the page opens the link again for fresh URLs, as it does when a replay outlasts them.
    let held = false;
    await page.route("**/api/chunks/**", async (route) => {
      if (!held) {
        held = true;
        const exp = Number(new URL(route.request().url()).searchParams.get("exp"));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp - Date.now()) + 1_000));
      }
      await route.continue();
    });
    const res = await page.goto(url);
    const headers = res?.headers() ?? {};
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-robots-tag"]).toMatch(/noindex/);
    // The page's own head says so too (vite.config.ts sharedHead() plus the share page's robots tag).
    const meta = (name: string) => page.locator(`head meta[name="${name}"]`).getAttribute("content");
    expect([await meta("referrer"), await meta("robots"), await meta("viewport")]).toEqual([
      "no-referrer",
      "noindex, nofollow",
      "width=device-width, initial-scale=1",
    ]);
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/connect-src [^;]*\/api\/share\//);
    expect(csp).not.toMatch(/\/api\/admin/);

    const frame = await replayToEnd(page, "Checkout for Ada");
    await frame.getByText("Payment accepted").waitFor();
    await page.getByTestId("speed-16").click();
    expect(await page.getByTestId("speed-16").getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(".topbar, [data-testid=signed-in-as], [data-testid=delete-session]").count()).toBe(0);
    expect(await page.getByTestId("share-facts").textContent()).not.toContain("e2e-shared-user");
    // A share carries no insights (contract §10), so the legend lists none.
    expect(await page.locator(".legend").textContent()).not.toMatch(/rage|dead/);
    // The page cannot reach an admin route even if its script tried: the CSP refuses the connection.
    const adminReach = await page.evaluate(() =>
      fetch("/api/admin/me").then(
        (r) => `answered ${r.status}`,
        () => "blocked",
      ),
    );
    expect(adminReach).toBe("blocked");
    await page.screenshot({ path: join(stage.shots, "share-page.png"), fullPage: true });
    expect(adminCalls).toEqual([]);
    expect(cspErrors.filter((e) => !e.includes("/api/admin/me"))).toEqual([]);

    // Refreshed once at least, each refresh with the first answer's view value: still one view.
    expect(shareCalls.length).toBeGreaterThanOrEqual(2);
    expect(shareCalls[0]).toBeUndefined();
    expect(new Set(shareCalls.slice(1)).size).toBe(1);
    expect(shareCalls[1]).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);

    // The admin sees one view, then revokes the link.
    await adminPage.reload();
    const row = await shareRow(adminPage, "active");
    expect(await row.getByTestId("share-views").textContent()).toBe("1");
    await row.getByTestId("revoke-share").click();
    await shareRow(adminPage, "revoked");

    await page.reload();
    await page.getByTestId("share-gone").getByText("revoked").waitFor();
    expect(await page.locator(".replay-host").count()).toBe(0);
    await page.screenshot({ path: join(stage.shots, "share-revoked.png") });

    // The session's audit entries on its page: the admin's view, the share, the visitor's open, the revoke.
    await adminPage.reload();
    const audit = adminPage.getByTestId("session-audit");
    await audit.locator('tr[data-action="share_revoked"]').waitFor();
    const actions = await audit.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    for (const action of ["session_viewed", "share_created", "share_opened", "share_revoked"]) expect(actions).toContain(action);
    expect(await audit.locator('tr[data-action="share_opened"]').count()).toBe(1);
  });
});
