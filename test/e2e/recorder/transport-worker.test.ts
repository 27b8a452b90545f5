import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { busyPageHtml } from "../../helpers/recorder/busy-page.ts";
import { flushRecorder, readStoredSession, recordPage, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

// The page counts the upload requests made from its own main thread (its fetch, wrapped before the recorder loads).
const COUNT_MAIN_UPLOADS = `window.__mainUploads = 0;
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  if (String(input instanceof Request ? input.url : input).includes("/api/replay/upload")) window.__mainUploads++;
  return pageFetch.apply(this, arguments);
};`;

const rig = useRecorderRig("transport-user", (origin, token) => {
  const tokenExpr = `token: ${JSON.stringify(token)}`;
  return {
    "/worker": busyPageHtml(origin, tokenExpr, "", COUNT_MAIN_UPLOADS),
    "/main": busyPageHtml(origin, tokenExpr, `compression: "main",`, COUNT_MAIN_UPLOADS),
    // A host whose CSP allows no worker: compression and uploads stay on the main thread.
    "/no-worker": busyPageHtml(origin, tokenExpr, "", COUNT_MAIN_UPLOADS).replace(
      "<head>",
      `<head><meta http-equiv="Content-Security-Policy" content="worker-src 'none'">`,
    ),
  };
});

/** Records a few clicks, flushes twice (two chunks at least), and returns the session's stored seqs and the page's main-thread upload count. */
async function recordAndCount(path: string): Promise<{ seqs: number[]; mainUploads: number; page: Page }> {
  const { page, sessionId } = await recordPage(rig, path);
  await page.click("#more");
  await flushRecorder(page);
  await page.click("#more");
  await flushRecorder(page);
  const stored = await waitFor(async () => {
    const s = await readStoredSession(rig.worker, sessionId);
    return s && s.chunks.length >= 2 ? s : undefined;
  });
  const mainUploads = await page.evaluate(() => (window as unknown as { __mainUploads: number }).__mainUploads);
  return { seqs: stored.chunks.map((c) => c.seq), mainUploads, page };
}

describe("the recorder's worker", () => {
  it("sends the uploads, so the page's main thread makes none of them", async () => {
    const { seqs, mainUploads, page } = await recordAndCount("/worker");
    expect(seqs.slice(0, 2)).toEqual([0, 1]);
    expect(mainUploads).toBe(0);
    await page.close();
  });

  it("is not used with compression on the main thread", async () => {
    const { seqs, mainUploads, page } = await recordAndCount("/main");
    expect(seqs.slice(0, 2)).toEqual([0, 1]);
    expect(mainUploads).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it("refused by the page's CSP, leaves compression and uploads to the main thread, and nothing is lost", async () => {
    const { seqs, mainUploads, page } = await recordAndCount("/no-worker");
    expect(seqs.slice(0, 2)).toEqual([0, 1]);
    expect(mainUploads).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
