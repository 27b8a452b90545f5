import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { hottestHeatmapSpot, signInAsAdmin, useAdminUiStage } from "../../helpers/admin-ui.ts";

// Insights end to end: the real recorder on the demo page, uploads through `wrangler dev`, the
// session's object deciding a rage click (impatient clicks on the slow "Apply coupon") and a dead
// click ("Download statement" changes nothing), then the admin UI showing them.

const stage = useAdminUiStage();
const DEMO_USER = "demo-user";

describe("insights from a recorded demo session", () => {
  it("shows the rage and dead clicks in the list, the filter and the player, and the clicks on the heatmap", async () => {
    const { page: demo } = await stage.openPage({ width: 1200, height: 800 });
    await demo.goto(`${stage.server.origin}/demo`);
    await demo.waitForFunction(() => document.getElementById("status")?.textContent?.includes("recording session"));
    await demo.click("nav a[data-view=account]");
    // Scrolled into view first: rrweb sends a scroll a moment later, which would answer the click.
    await demo.locator("#download").scrollIntoViewIfNeeded();
    await demo.waitForTimeout(1_000);
    await demo.locator("#download").click({ noWaitAfter: true });
    await demo.waitForTimeout(3_000);
    const coupon = await demo.locator("#coupon").boundingBox();
    if (!coupon) throw new Error("no coupon button");
    const at = { x: coupon.x + coupon.width / 2, y: coupon.y + coupon.height / 2 };
    for (let i = 0; i < 4; i++) {
      await demo.mouse.click(at.x, at.y);
      await demo.waitForTimeout(150);
    }
    await demo.waitForTimeout(3_500);
    await demo.mouse.move(10, 10);
    await demo.waitForTimeout(600);
    await demo.evaluate(() => (window as unknown as { __recording: { flush(): Promise<void> } }).__recording.flush());
    // The session ends here: its end flush comes 60 s after its last chunk.
    await demo.close();

    const { page } = await stage.openPage({ width: 1400, height: 1100 });
    await signInAsAdmin(page, stage.server.origin, `/sessions?user=${DEMO_USER}&frustrated=true`);
    const row = page.locator("tr[data-session-id]").first();
    // One rage click, one dead click: both count cells show 1.
    await expect.poll(() => row.locator("td.frustrated").allTextContents(), { timeout: 15_000 }).toEqual(["1", "1"]);
    await row.getByRole("link").click();
    await page.getByTestId("event-list").getByText("Rage click on button 'Apply coupon' (4 clicks)").waitFor();
    await expect.poll(() => page.locator(".timeline-marker.marker-rage_click").count()).toBe(1);
    await expect.poll(() => page.locator(".timeline-marker.marker-dead_click").count()).toBe(1);
    expect(await page.locator(".legend").textContent()).toMatch(/rage.*dead/);
    await page.screenshot({ path: join(stage.shots, "insights-demo-player.png") });

    // The heatmap's clicks are written with the end flush (60 s after the last chunk) or any flush
    // 10 minutes on: this reads them once they are there.
    await page.goto(`${stage.server.origin}/admin/heatmaps`);
    const entry = page.getByTestId("heatmap-page-list").getByRole("button", { name: /\/demo\/account/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("heatmap-page-list").waitFor();
          return entry.isVisible();
        },
        { timeout: 120_000, interval: 5_000 },
      )
      .toBe(true);
    await entry.click();
    await expect.poll(() => page.getByTestId("heatmap-clicks").textContent()).toBe("5 clicks");
    await expect.poll(async () => (await hottestHeatmapSpot(page))?.x ?? 0).toBeGreaterThan(0);
    const spot = await hottestHeatmapSpot(page);
    expect(Math.abs((spot?.x ?? 0) - at.x / 1200)).toBeLessThan(0.05);
    expect(Math.abs((spot?.y ?? 0) - at.y / 800)).toBeLessThan(0.05);
    await page.screenshot({ path: join(stage.shots, "insights-demo-heatmap.png") });
  }, 240_000);
});
