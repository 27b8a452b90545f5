import type { Frame, Page } from "playwright-core";
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
