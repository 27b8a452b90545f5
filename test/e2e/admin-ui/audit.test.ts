import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { openSession, signInAsAdmin, useAdminUiStage } from "../../helpers/admin-ui.ts";
import { forgedEvents, uploadChunk } from "../../helpers/seed-recordings.ts";

// The audit log in the admin UI against a real `wrangler dev` in real Chromium: what an admin does
// through the UI (open a session, delete it) is what the audit page then lists.

const stage = useAdminUiStage();
const IPAD_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
const ids = { viewed: crypto.randomUUID(), deleted: crypto.randomUUID() };

beforeAll(async () => {
  await uploadChunk(stage.server.origin, "e2e-audit-user", ids.viewed, 0, forgedEvents(Date.now() - 10_000), {
    ua: IPAD_UA,
    viewport: { width: 820, height: 1180 },
    touch: true,
  });
  await uploadChunk(stage.server.origin, "e2e-audit-user", ids.deleted, 0, forgedEvents(Date.now() - 5_000));
});

describe("audit log page", () => {
  it("lists a session view and a deletion done through the UI, and a session's entries on its page", async () => {
    const { page } = await stage.openPage();

    // A view: the player page lists its own view under the replay.
    await openSession(page, stage.server.origin, ids.viewed);
    const own = page.getByTestId("session-audit").locator('tr[data-action="session_viewed"]');
    await own.first().waitFor();
    expect(await own.first().textContent()).toContain("e2e-admin");

    // A deletion, confirmed in the dialog.
    await page.goto(`${stage.server.origin}/admin/sessions/${ids.deleted}`);
    await page.getByTestId("delete-session").click();
    await page.getByTestId("confirm-delete").click();
    await page.waitForURL(/\/admin\/sessions$/);

    // The list shows the device type's icon: the iPad that reports a desktop UA is a tablet.
    await page.locator(`tr[data-session-id="${ids.viewed}"] svg[data-device="tablet"]`).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit", exact: true }).click();
    await page.waitForURL(/\/admin\/audit$/);
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    const row = (id: string, action: string) => table.locator(`tr[data-session-id="${id}"][data-action="${action}"]`);
    await row(ids.deleted, "session_deleted").waitFor();
    expect(await row(ids.deleted, "session_deleted").textContent()).toMatch(/Deleted session.*admin.*e2e-admin/);
    expect(await row(ids.deleted, "deletion_completed").textContent()).toMatch(/Deletion completed.*system/);
    expect(await row(ids.viewed, "session_viewed").count()).toBeGreaterThanOrEqual(1);

    // Filtered to one session: only its entries.
    await page.getByTestId("audit-filter-session").fill(ids.deleted);
    await page.getByTestId("audit-filter-apply").click();
    await page.waitForURL(new RegExp(`session=${ids.deleted}`));
    await table.locator(`tr[data-session-id="${ids.viewed}"]`).waitFor({ state: "detached" });
    const shown = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-session-id"), r.getAttribute("data-action")]));
    // The view came first (newest first, it is last); the deletion and its completion may share a
    // millisecond. The player also followed the session live while it was recent: that is a live view.
    expect(shown.at(-1)).toEqual([ids.deleted, "session_viewed"]);
    const actions = shown.map(([, action]) => action).filter((a) => a !== "live_viewed");
    expect(actions.sort()).toEqual(["deletion_completed", "session_deleted", "session_viewed"]);
    await page.screenshot({ path: join(stage.shots, "audit-log.png"), fullPage: true });
  });

  it("is in the nav for a signed-in admin", async () => {
    const context = await stage.browser.newContext();
    const page = await context.newPage();
    await signInAsAdmin(page, stage.server.origin, "/audit");
    await page.getByTestId("audit-table").waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).getAttribute("class")).toContain("active");
    await context.close();
  });
});
