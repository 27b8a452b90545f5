import type { Frame, Page } from "playwright-core";
import { mintToken } from "./tokens.ts";

/** Signs `page` in to the admin UI at `origin` with a fresh admin token; `next` is `?next=…` or "". */
export async function signInAsAdmin(page: Page, origin: string, next = ""): Promise<void> {
  const token = await mintToken("e2e-admin", { admin: true });
  await page.goto(`${origin}/admin/sign-in${next}#token=${token}`);
  await page.getByTestId("signed-in-as").waitFor();
}

/** `?next=` for the sign-in page, sending the admin on to `path` (without the /admin base). */
export function nextParam(path: string): string {
  return `?next=${encodeURIComponent(path)}`;
}

/** The iframe rrweb-player renders the replay into. */
export async function replayFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector(".replay-host iframe");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no replay frame");
  return frame;
}
