import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Frame } from "playwright-core";
import { hottestHeatmapSpot, signInAsAdmin, useAdminUiStage } from "../../helpers/admin-ui.ts";
import { seedHeatmapCells, seedRageClick } from "../../helpers/insight-seed.ts";
import { recordCheckout, uploadChunk } from "../../helpers/seed-recordings.ts";

// /admin/heatmaps and the insights in the session list and player, against a real `wrangler dev` in
// Chromium: a session recorded on the checkout page gives the frame; heatmap cells and a rage click
// seeded into its D1 give the insights.

const PAGE_URL = "https://shop.example.com/checkout";
const stage = useAdminUiStage();
const sessionId = crypto.randomUUID();
const calmId = crypto.randomUUID();
let rageAt = 0;

beforeAll(async () => {
  const events = await recordCheckout(stage.browser);
  await uploadChunk(stage.server.origin, "e2e-heat", sessionId, 0, events);
  await uploadChunk(stage.server.origin, "e2e-heat", calmId, 0, events);
  rageAt = (events[0]?.timestamp ?? 0) + 500;
  await seedRageClick(stage.server, sessionId, rageAt);
  // 30 clicks in the cell at (50-52 %, 30-32 %), 3 near the bottom left corner.
  await seedHeatmapCells(stage.server, PAGE_URL, sessionId, events[events.length - 1]?.timestamp ?? Date.now(), [
    { cellX: 25, cellY: 15, count: 30 },
    { cellX: 2, cellY: 45, count: 3 },
  ]);
});

describe("/admin/heatmaps", () => {
  it("lists the page with its clicks, draws them over a frame of the page, and filters by device", async () => {
    const context = await stage.browser.newContext({ viewport: { width: 1400, height: 1100 } });
    const page = await context.newPage();
    try {
      // Reached the way an admin does: from the main navigation.
      await signInAsAdmin(page, stage.server.origin, "/sessions");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Heatmaps", exact: true }).click();
      await page.waitForURL(/\/admin\/heatmaps$/);
      const entry = page.getByTestId("heatmap-page-list").getByRole("button", { name: /shop\.example\.com\/checkout/ });
      await expect.poll(() => entry.textContent()).toContain("33");
      await entry.click();
      await expect.poll(() => page.getByTestId("heatmap-clicks").textContent()).toBe("33 clicks");

      const handle = await page.waitForSelector("[data-testid=heatmap-frame] iframe");
      const frame = (await handle.contentFrame()) as Frame;
      await frame.getByText("Checkout for Ada").waitFor();
      await expect.poll(async () => (await hottestHeatmapSpot(page))?.x ?? 0).toBeGreaterThan(0.48);
      const spot = await hottestHeatmapSpot(page);
      expect(spot?.x).toBeLessThan(0.54);
      expect(spot?.y).toBeGreaterThan(0.27);
      expect(spot?.y).toBeLessThan(0.35);
      await page.screenshot({ path: join(stage.shots, "heatmap.png") });

      await page.getByTestId("heatmap-device").selectOption("tablet");
      await expect.poll(() => page.getByTestId("heatmap-clicks").textContent()).toBe("0 clicks");
      await page.getByTestId("heatmap-page-search").fill("nothing-like-this");
      await page.getByText("No page has clicks matching this.").waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows rage clicks in the list, keeps only frustrated sessions with the filter, and marks them in the player", async () => {
    const page = await stage.browser.newPage();
    try {
      await signInAsAdmin(page, stage.server.origin, "/sessions?user=e2e-heat");
      const row = page.locator(`tr[data-session-id="${sessionId}"]`);
      await expect.poll(() => row.locator("td.frustrated").first().textContent()).toBe("1");
      await page.locator(`tr[data-session-id="${calmId}"]`).waitFor();
      await page.getByTestId("filter-frustrated").check();
      await page.getByTestId("filter-apply").click();
      await page.waitForURL(/frustrated=true/);
      await expect.poll(() => page.locator("tr[data-session-id]").count()).toBe(1);
      await row.waitFor();

      await row.getByRole("link").click();
      await page.getByTestId("event-list").getByText("Rage click on button 'Pay now' (4 clicks)").waitFor();
      await expect.poll(() => page.locator(".timeline-marker.marker-rage_click").count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
