import { describe, expect, it } from "vitest";
import { workerForFile } from "../helpers/worker-server.ts";
import { mintToken } from "../helpers/tokens.ts";

const worker = workerForFile();

describe("wrangler dev with local D1 and R2", () => {
  it("stores an uploaded chunk and replays it through a signed URL", async () => {
    const server = worker();
    const token = await mintToken("smoke-user");
    const sessionId = crypto.randomUUID();
    const t = Date.now();
    const events = [
      { type: 4, data: { href: "https://app.example.com/", width: 1280, height: 720 }, timestamp: t },
      { type: 2, data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } }, timestamp: t + 1 },
    ];
    const res = await fetch(`${server.origin}/api/replay/upload`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ sessionId, seq: 0, events, meta: { ua: "test", viewport: { width: 1280, height: 720 }, url: "https://app.example.com/?q=x" } }),
    });
    const uploaded = await res.json();
    if (res.status !== 200) console.log(server.logs());
    expect(uploaded).toEqual({ ok: true, sessionId, seq: 0 });
    const admin = await mintToken("smoke-admin", { admin: true });
    const detail = await fetch(`${server.origin}/api/admin/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as { chunks: Array<{ url: string }>; userId: string };
    expect(body.userId).toBe("smoke-user");
    const chunk = await fetch(body.chunks[0].url);
    expect(chunk.status).toBe(200);
    expect(await chunk.json()).toEqual(events);
  });
});
