import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mintToken } from "../tokens.ts";
import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../browser.ts";
import { startWorker, type WorkerServer } from "../worker-server.ts";

/** A tiny http server for host pages, on its own port: a different origin from the worker, like a real host app. */
export interface HostServer {
  origin: string;
  close(): Promise<void>;
}

/** A file a host page loads (a stylesheet, a frame), served with its own type. */
export interface HostFile {
  type: string;
  body: string;
}

/**
 * Serves `pages` (path → HTML, or a typed file) from 127.0.0.1 on a free port. A route without a
 * file extension that is not listed gets the "/" page (so a page can live at any path); a missing
 * file gets 404, so that a page's images or frames never load the page itself.
 */
export async function serveHostPages(pages: Record<string, string | HostFile>): Promise<HostServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const isRoute = !/\.[a-z0-9]+$/i.test(path);
    const found = pages[path] ?? (isRoute ? pages["/"] : undefined);
    const file = typeof found === "string" ? { type: "text/html; charset=utf-8", body: found } : found;
    res.writeHead(file ? 200 : 404, { "Content-Type": file?.type ?? "text/plain", "Cache-Control": "no-store" });
    res.end(file?.body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // Another port is another origin: the recorder loads and uploads cross-origin, as on a real host app.
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One stored chunk, read back through its signed URL. */
export interface StoredChunk {
  seq: number;
  events: Array<{ type: number; timestamp: number; data: Record<string, unknown> }>;
  text: string;
}

/** Reads a session's stored chunks through the admin API (decoded events and their JSON text), and the URL the session list shows. */
export async function readStoredSession(
  worker: WorkerServer,
  sessionId: string,
): Promise<{ userId: string; lastUrl: string | null; chunks: StoredChunk[] } | null> {
  const admin = await mintToken("recorder-test-admin", { admin: true });
  const res = await fetch(`${worker.origin}/api/admin/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${admin}` } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`admin read ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { userId: string; lastUrl: string | null; chunks: Array<{ seq: number; url: string }> };
  const chunks: StoredChunk[] = [];
  for (const c of body.chunks) {
    const r = await fetch(c.url);
    const text = await r.text();
    chunks.push({ seq: c.seq, text, events: JSON.parse(text) });
  }
  chunks.sort((a, b) => a.seq - b.seq);
  return { userId: body.userId, lastUrl: body.lastUrl, chunks };
}

/** Lists a user's session ids (newest first). */
export async function listSessionIds(worker: WorkerServer, userId: string): Promise<string[]> {
  const admin = await mintToken("recorder-test-admin", { admin: true });
  const res = await fetch(`${worker.origin}/api/admin/sessions?userId=${encodeURIComponent(userId)}&limit=50`, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  const body = (await res.json()) as { sessions: Array<{ id: string }> };
  return body.sessions.map((s) => s.id);
}

/** Waits until the worker lists a session of `userId`; returns the newest one's id. */
export async function firstSessionOf(worker: WorkerServer, userId: string, timeoutMs = 30_000): Promise<string> {
  const [sessionId] = await waitFor(
    async () => {
      const ids = await listSessionIds(worker, userId);
      return ids.length ? ids : undefined;
    },
    timeoutMs,
    `a session of ${userId}`,
  );
  return sessionId;
}

/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the page's recorder reports "recording" (pages keep statuses in window.__statuses, the handle in window.__rec); returns its session id. */
export async function waitForRecording(page: Page): Promise<string> {
  type Win = { __statuses: Array<{ state: string }>; __rec: { getSessionId(): string | null } };
  await page.waitForFunction(() => (window as unknown as Win).__statuses?.some((s) => s.state === "recording"));
  return page.evaluate(() => (window as unknown as Win).__rec.getSessionId() ?? "");
}

/** Opens `path` of the rig's host pages in `page` and waits until its recorder records; returns its session id. */
export async function openRecording(rig: RecorderRig, page: Page, path: string): Promise<string> {
  await page.goto(`${rig.host.origin}${path}`);
  return waitForRecording(page);
}

/** A new tab of the rig's browser on host page `path`, once its recorder is recording. */
export async function recordPage(rig: RecorderRig, path: string): Promise<{ page: Page; sessionId: string }> {
  const page = await rig.browser.newPage();
  return { page, sessionId: await openRecording(rig, page, path) };
}

/** Makes the page's recorder (window.__rec) send what it holds now; resolves once it has. */
export async function flushRecorder(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __rec: { flush(): Promise<void> } }).__rec.flush());
}

/** A real worker, Chromium, and host pages on another origin, for one test file. */
export interface RecorderRig {
  worker: WorkerServer;
  host: HostServer;
  browser: Browser;
}

/**
 * Starts the rig before the file's tests and stops it after: `wrangler dev` (with `vars`),
 * Chromium, and the host pages that `pages` makes from the worker's origin and a token for `userId`.
 */
export function useRecorderRig(
  userId: string,
  pages: (workerOrigin: string, token: string) => Record<string, string | HostFile> | Promise<Record<string, string | HostFile>>,
  vars: Record<string, string> = {},
): RecorderRig {
  const rig = {} as RecorderRig;
  beforeAll(async () => {
    rig.worker = await startWorker(vars);
    rig.host = await serveHostPages(await pages(rig.worker.origin, await mintToken(userId)));
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.host?.close();
    await rig.worker?.stop();
  });
  return rig;
}
