import { describe, expect, it } from "vitest";
// Node 20 has no global WebSocket without a flag; undici's is the same WHATWG client (typed, and
// it can set the Origin a browser would send).
import { WebSocket } from "undici";
import { workerForFile } from "../helpers/worker-server.ts";
import { mintToken } from "../helpers/tokens.ts";

const worker = workerForFile();

/** A live socket opened as the admin UI would: a ticket first, then the upgrade from the worker's own origin. */
async function openLive(origin: string, path: string, body: Record<string, string>) {
  const admin = await mintToken("e2e-live-admin", { admin: true });
  const minted = await fetch(`${origin}/api/admin/live/tickets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(minted.status).toBe(201);
  const { ticket } = (await minted.json()) as { ticket: string };
  const socket = new WebSocket(`${origin.replace(/^http/, "ws")}${path}?ticket=${ticket}`, { headers: { Origin: origin } });
  const frames: Array<{ at: number; frame: Record<string, unknown> }> = [];
  socket.addEventListener("message", (e) => frames.push({ at: Date.now(), frame: JSON.parse(String(e.data)) }));
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve);
    socket.addEventListener("error", reject);
  });
  const waitFor = async (match: (f: Record<string, unknown>) => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.find((f) => match(f.frame));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames.map((f) => f.frame.type))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { socket, waitFor };
}

describe("live sessions on wrangler dev", () => {
  it("a viewer gets a stored chunk within 1 s of its upload's answer, which says watched; the list announces the session", async () => {
    const { origin } = worker();
    const sessionId = crypto.randomUUID();
    const list = await openLive(origin, "/api/admin/live", {});
    await list.waitFor((f) => f.type === "sessions");
    const viewer = await openLive(origin, `/api/admin/sessions/${sessionId}/live`, { sessionId });
    expect((await viewer.waitFor((f) => f.type === "hello")).frame).toEqual({ type: "hello", sessionId, lastSeq: null });

    const t = Date.now();
    // A checkout (Meta, FullSnapshot with one text node) and a click on that node.
    const text = { type: 3, id: 2, textContent: "watched live" };
    const events = [
      { type: 4, data: { href: "https://app.example.com/live", width: 800, height: 600 }, timestamp: t },
      { type: 2, data: { node: { type: 0, id: 1, childNodes: [text] }, initialOffset: { top: 0, left: 0 } }, timestamp: t },
      { type: 3, data: { source: 2, type: 2, id: 2, x: 5, y: 5 }, timestamp: t + 10 },
    ];
    const res = await fetch(`${origin}/api/replay/upload`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await mintToken("e2e-live-user")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ sessionId, seq: 0, events, meta: { ua: "e2e", viewport: { width: 1280, height: 720 }, url: "https://app.example.com/" } }),
    });
    const answeredAt = Date.now();
    expect(await res.json()).toEqual({ ok: true, sessionId, seq: 0, watched: true });

    const chunk = await viewer.waitFor((f) => f.type === "chunk");
    expect(chunk.frame).toEqual({ type: "chunk", seq: 0, events });
    expect(chunk.at - answeredAt).toBeLessThanOrEqual(1_000);

    const listed = await list.waitFor((f) => f.type === "session" && (f.session as { id: string }).id === sessionId);
    expect(listed.frame.session).toMatchObject({ id: sessionId, userId: "e2e-live-user", status: "live", chunkCount: 1 });
    viewer.socket.close();
    list.socket.close();
  });
});
