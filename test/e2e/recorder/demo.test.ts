import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, outputDir } from "../../helpers/browser.ts";
import { startWorker, type WorkerServer } from "../../helpers/worker-server.ts";
import { listSessionIds, readStoredSession, waitFor } from "../../helpers/recorder/rig.ts";

let worker: WorkerServer;
let browser: Browser;

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("demo page", () => {
  it("records itself with a dev token, across a pushState navigation, without its form data", async () => {
    const page = await browser.newPage();
    await page.goto(`${worker.origin}/demo`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.includes("recording session"));
    await page.click("th[data-sort=customer]");
    await page.click("nav a[data-view=account]");
    await page.fill("input[name=name]", "Demo Person");
    await page.fill("input[name=card]", "4242 4242 4242 4242");
    await page.evaluate(() => (window as unknown as { __recording: { flush(): Promise<void> } }).__recording.flush());
    await page.screenshot({ path: `${await outputDir("recorder")}/demo.png`, fullPage: true });
    const [id] = await waitFor(async () => {
      const ids = await listSessionIds(worker, "demo-user");
      return ids.length ? ids : undefined;
    });
    const session = await readStoredSession(worker, id);
    const text = session!.chunks.map((c) => c.text).join("\n");
    expect(text).toContain("Invoices");
    expect(text).toMatch(/"tag":"navigation","payload":\{"href":"[^"]*\/demo\/account"/);
    expect(text).not.toContain("Demo Person");
    expect(text).not.toContain("4242 4242");
    expect(text).not.toContain("jane@example.com");
    await page.close();
  });
});
