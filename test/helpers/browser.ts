import { chromium, type Browser, type Request } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

/** Debian's Chromium; Playwright's own browser download cannot work on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep headless Chromium off the (closed) network and quiet. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Chromium with the project's flags. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Folder for screenshots and other artefacts a human should look at (git-ignored). */
export async function outputDir(sub: string): Promise<string> {
  const dir = join(new URL("../..", import.meta.url).pathname, "test-output", sub);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Every URL `target` (a page, or a context with all its pages and frames) requests from now on, in order. */
export function recordRequests(target: { on(event: "request", listener: (request: Request) => void): unknown }): string[] {
  const urls: string[] = [];
  target.on("request", (r) => urls.push(r.url()));
  return urls;
}
