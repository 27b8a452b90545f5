import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startWorker, type WorkerServer } from "../../helpers/worker-server.ts";
import { launchBrowser } from "../../helpers/browser.ts";
import { mintToken } from "../../helpers/tokens.ts";

// The sign-in link against a real `wrangler dev` in real Chromium: the link carries a single-use
// code that the sign-in page exchanges for a token, so no URL the browser keeps holds a JWT.

const run = promisify(execFile);
const ROOT = new URL("../../..", import.meta.url).pathname;
/** Three base64url parts, the first a JSON object: what any JWT looks like. */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

let server: WorkerServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWorker(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A sign-in link as an operator mints it: `npm run token -- --sign-in-code`, with the deployment's admin secret. */
async function signInLink(user: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["scripts/token.mjs", "--sign-in-code", "--user", user, "--url", server.origin], {
    cwd: ROOT,
    env: { ...process.env, REPLAY_ADMIN_JWT_SECRET: server.vars.REPLAY_ADMIN_JWT_SECRET },
  });
  return stdout.trim();
}

/** Every URL in the tab's session history (what back and forward can reach), from Chromium itself. */
async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send("Page.getNavigationHistory");
  await cdp.detach();
  return entries.map((e) => e.url);
}

/** A fresh tab that records every URL its main frame was at. */
async function openTab() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  return { context, page, visited };
}

describe("admin UI: sign-in link", () => {
  it("signs in from a single-use code link, and no URL the browser keeps holds a JWT or the code", async () => {
    const link = await signInLink("e2e-code-admin");
    const code = link.split("#code=")[1];
    expect(link).not.toMatch(JWT_PATTERN);
    const { context, page, visited } = await openTab();
    await page.goto(link);
    await page.getByTestId("signed-in-as").filter({ hasText: "e2e-code-admin" }).waitFor();
    await page.getByTestId("empty-state").waitFor(); // the (empty) session list: the admin API answered

    const href = await page.evaluate(() => location.href);
    expect(href).toBe(`${server.origin}/admin/sessions`);
    expect(href).not.toContain(code);
    const token = await page.evaluate(() => sessionStorage.getItem("replay-admin-token"));
    expect(token).toMatch(JWT_PATTERN);

    const kept = [...(await historyUrls(page)), ...visited];
    for (const url of kept) {
      expect(url).not.toMatch(JWT_PATTERN);
      expect(url).not.toContain(token!);
    }
    // Back goes to where the tab was before the link, past no entry holding the code.
    expect((await historyUrls(page)).some((u) => u.includes(code))).toBe(false);
    await page.goBack();
    const back = page.url();
    expect(back).not.toContain(code);
    expect(back).not.toMatch(JWT_PATTERN);
    await context.close();
  });

  it("refuses a second use of the code with a clear message, and does not sign in", async () => {
    const link = await signInLink("e2e-once");
    const first = await openTab();
    await first.page.goto(link);
    await first.page.getByTestId("signed-in-as").waitFor();
    await first.context.close();

    const second = await openTab();
    let exchanges = 0;
    second.page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/api/admin/sign-in") exchanges++;
    });
    await second.page.goto(link);
    const alert = second.page.getByRole("alert");
    await alert.filter({ hasText: "already used" }).waitFor();
    expect(exchanges).toBe(1);
    expect(second.page.url()).not.toContain("code=");
    expect(await second.page.getByTestId("signed-in-as").count()).toBe(0);
    expect(await second.page.evaluate(() => sessionStorage.getItem("replay-admin-token"))).toBeNull();
    await second.context.close();
  });

  it("does not take a token from a link any more, and says so; pasting one still works", async () => {
    const token = await mintToken("e2e-pasted-admin", { admin: true });
    const { context, page } = await openTab();
    await page.goto(`${server.origin}/admin/sign-in#token=${token}`);
    await page.getByRole("alert").filter({ hasText: "no longer carry a token" }).waitFor();
    expect(await page.evaluate(() => location.href)).toBe(`${server.origin}/admin/sign-in`);
    expect(await page.evaluate(() => sessionStorage.getItem("replay-admin-token"))).toBeNull();

    await page.locator("#token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-as").filter({ hasText: "e2e-pasted-admin" }).waitFor();
    await context.close();
  });
});
