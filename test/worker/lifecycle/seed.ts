import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { mintToken } from "../../helpers/tokens.ts";

/** rrweb-shaped events for one chunk spanning [start, start + spanMs]; a checkout chunk begins with Meta + FullSnapshot. */
export function chunkEvents(start: number, spanMs: number, opts: { checkout?: boolean; text?: string } = {}) {
  const events: Array<Record<string, unknown>> = [];
  if (opts.checkout) {
    events.push({ type: 4, data: { href: "https://app.example.com/page", width: 1280, height: 720 }, timestamp: start });
    events.push({ type: 2, data: { node: { type: 0, id: 1, childNodes: [{ type: 3, id: 2, textContent: opts.text ?? "hello" }] }, initialOffset: { top: 0, left: 0 } }, timestamp: start });
  }
  events.push({ type: 3, data: { source: 2, type: 2, id: 2, x: 10, y: 20 }, timestamp: start + Math.floor(spanMs / 2) });
  events.push({ type: 3, data: { source: 3, id: 1, x: 0, y: 100 }, timestamp: start + spanMs });
  return events;
}

/** Uploads one chunk as `userId` and returns the response. */
export async function upload(userId: string, sessionId: string, seq: number, events: unknown[], meta: Record<string, unknown> = { ua: "test-ua", viewport: { width: 1280, height: 720 }, url: "https://app.example.com/page" }) {
  return SELF.fetch("https://replay.test/api/replay/upload", {
    method: "POST",
    headers: { Authorization: `Bearer ${await mintToken(userId)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ sessionId, seq, events, meta }),
  });
}

/** Uploads a session of `chunks` chunks, `spanMs` each, starting at `start`; chunk 0 is a checkout. Returns its id. */
export async function seedSession(userId: string, start: number, chunks = 2, spanMs = 5_000): Promise<string> {
  const sessionId = crypto.randomUUID();
  for (let seq = 0; seq < chunks; seq++) {
    const res = await upload(userId, sessionId, seq, chunkEvents(start + seq * spanMs, spanMs - 1, { checkout: seq === 0 }));
    expect(res.status).toBe(200);
  }
  return sessionId;
}

/** Admin GET against the API. */
export async function adminGet(path: string) {
  return SELF.fetch(`https://replay.test${path}`, { headers: { Authorization: `Bearer ${await mintToken("ops-admin", { admin: true })}` } });
}

/** Everything stored for a session: rows in each table and R2 object keys. */
export async function storedFor(sessionId: string) {
  const one = (q: string) => env.DB.prepare(q).bind(sessionId).first<{ n: number }>().then((r) => r?.n ?? 0);
  const objects = await env.CHUNKS.list({ prefix: `sessions/${sessionId}/` });
  return {
    sessionRows: await one("SELECT COUNT(*) AS n FROM sessions WHERE id = ?"),
    chunkRows: await one("SELECT COUNT(*) AS n FROM chunks WHERE session_id = ?"),
    keyRows: await one("SELECT COUNT(*) AS n FROM session_keys WHERE session_id = ?"),
    objects: objects.objects.map((o) => o.key),
  };
}

/** Runs the worker's cron handler the way Cloudflare does, and waits for its work to finish. */
export async function runCron(scheduledTime = Date.now()) {
  const { createScheduledController, createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
  const worker = (await import("../../../worker/index.ts")).default;
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/10 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}
