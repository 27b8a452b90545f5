import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { adminFetch } from "../../helpers/worker/admin";
import { chunkEvents, newSessionId, T0 } from "../../helpers/worker/events";
import { objectStorage, openOnObject, sessionStub, signedUrlEvents, watchSession } from "../../helpers/worker/live";
import { seedChunk, uploadChunk } from "../../helpers/worker/upload";
import { SECOND_MS } from "../../helpers/worker/time";
import { ERASED, storedFor } from "../../helpers/worker/storage";
import { PING_FRAME, PONG_FRAME } from "../../../worker/live/frames";
import type { ViewerAttachment } from "../../../worker/live/accept-socket";

/** Uploads chunk `seq` of a session as `user` (a checkout at 0) and returns the events sent. */
async function store(sessionId: string, seq: number, user = "viewer-user") {
  return (
    await seedChunk({ userId: user, sessionId, seq, events: chunkEvents(T0 + seq * 5 * SECOND_MS, 4_000, { checkout: seq === 0, text: `chunk ${seq}` }) })
  ).events;
}

describe("SessionObject: the session socket", () => {
  it("says hello with lastSeq null before the first chunk, and the highest stored seq after", async () => {
    const sessionId = newSessionId();
    const early = await openOnObject(sessionId);
    expect(early.frames[0]).toEqual({ type: "hello", sessionId, lastSeq: null });
    await store(sessionId, 0);
    await store(sessionId, 2);
    await store(sessionId, 1);
    const late = await openOnObject(sessionId);
    expect(late.frames[0]).toEqual({ type: "hello", sessionId, lastSeq: 2 });
  });

  it("pushes each chunk stored after it opened, in stored order, with exactly the events a signed URL returns", async () => {
    const sessionId = newSessionId();
    await store(sessionId, 0);
    const viewer = await watchSession(sessionId);
    expect(viewer.frames[0]).toEqual({ type: "hello", sessionId, lastSeq: 0 });
    const sent = [await store(sessionId, 1), await store(sessionId, 3), await store(sessionId, 2)];
    await viewer.waitFor((f) => f.type === "chunk" && f.seq === 2);
    expect(viewer.ofType("chunk").map((f) => f.seq)).toEqual([1, 3, 2]);
    for (const [i, seq] of [1, 3, 2].entries()) {
      const frame = viewer.ofType("chunk")[i];
      expect(Object.keys(frame).sort()).toEqual(["events", "seq", "type"]);
      expect(frame.events).toEqual(await signedUrlEvents(sessionId, seq));
      expect(frame.events).toEqual(sent[i]);
    }
  });

  it("pushes nothing for a retried chunk (stored once, sent once)", async () => {
    const sessionId = newSessionId();
    const viewer = await watchSession(sessionId);
    const events = await store(sessionId, 0);
    await viewer.waitFor((f) => f.type === "chunk");
    const retry = await uploadChunk({ userId: "viewer-user", sessionId, seq: 0, events });
    expect(retry.res.status).toBe(200);
    await store(sessionId, 1);
    await viewer.waitFor((f) => f.type === "chunk" && f.seq === 1);
    expect(viewer.ofType("chunk").map((f) => f.seq)).toEqual([0, 1]);
  });
});

describe("SessionObject: watched", () => {
  it("upload answers say watched:true while a viewer is connected and for 5 s after the last one leaves", async () => {
    const sessionId = newSessionId();
    const answer = async (seq: number) =>
      (await uploadChunk({ userId: "watched-user", sessionId, seq, events: chunkEvents(T0 + seq * 1000, 500, { checkout: seq === 0 }) })).res.json();

    expect(await answer(0)).toEqual({ ok: true, sessionId, seq: 0 });
    const first = await watchSession(sessionId);
    const second = await watchSession(sessionId);
    expect(await answer(1)).toEqual({ ok: true, sessionId, seq: 1, watched: true });
    await first.leave();
    expect(await answer(2)).toEqual({ ok: true, sessionId, seq: 2, watched: true });
    await second.leave();
    // Within the grace after the last viewer left: still watched.
    expect(await answer(3)).toMatchObject({ watched: true });
    const leftAt = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(leftAt + 5 * SECOND_MS + 500);
    expect(await answer(4)).toEqual({ ok: true, sessionId, seq: 4 });
  });
});

describe("SessionObject: hibernation", () => {
  it("keeps viewers across an eviction: pings are answered without waking it, chunks still arrive, the attachment survives", async () => {
    const sessionId = newSessionId();
    const viewer = await watchSession(sessionId, "hibernating-admin");
    const stub = sessionStub(sessionId);
    await evictDurableObject(stub);

    viewer.socket.send(PING_FRAME);
    await viewer.waitFor((f) => f.type === "pong", "pong");
    expect(JSON.stringify(viewer.frames.at(-1))).toBe(PONG_FRAME);
    // The runtime answered the ping itself: the object is still evicted (idle viewers cost nothing).
    await expect(evictDurableObject(stub)).rejects.toThrow(/not currently running/);

    const sent = await store(sessionId, 0);
    const frame = await viewer.waitFor((f) => f.type === "chunk");
    expect(frame).toEqual({ type: "chunk", seq: 0, events: sent });

    const attachments = await runInDurableObject(stub, (_instance, state) => state.getWebSockets().map((ws): ViewerAttachment => ws.deserializeAttachment()));
    expect(attachments).toEqual([{ viewer: "hibernating-admin", openedAt: expect.any(Number) }]);
  });
});

describe("SessionObject: erasure", () => {
  it("an admin delete sends erased, closes the viewers and leaves nothing in the object", async () => {
    const sessionId = newSessionId();
    await store(sessionId, 0);
    const viewers = [await watchSession(sessionId), await watchSession(sessionId)];
    expect((await adminFetch(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(200);
    for (const viewer of viewers) {
      await viewer.closed;
      expect(viewer.frames.at(-1)).toEqual({ type: "erased" });
    }
    expect(await objectStorage(sessionStub(sessionId))).toEqual({ tables: [], alarm: null });
  });

  it("a chunk that reaches the object after the erasure recreates nothing: 410, and the object keeps nothing", async () => {
    const sessionId = newSessionId();
    await store(sessionId, 0);
    expect((await adminFetch(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(200);
    const late = await uploadChunk({ userId: "viewer-user", sessionId, seq: 1, events: chunkEvents(T0 + 5 * SECOND_MS, 100) });
    expect(late.res.status).toBe(410);
    expect(await objectStorage(sessionStub(sessionId))).toEqual({ tables: [], alarm: null });
    expect(await storedFor(sessionId)).toEqual(ERASED);
  });

  it("a chunk racing the erasure is stored before it or refused after it, never left behind", async () => {
    const sessionId = newSessionId();
    await store(sessionId, 0);
    const [late, erased] = await Promise.all([
      uploadChunk({ userId: "viewer-user", sessionId, seq: 1, events: chunkEvents(T0 + 5 * SECOND_MS, 100) }),
      adminFetch(`/api/admin/sessions/${sessionId}`, { method: "DELETE" }),
    ]);
    expect(erased.status).toBe(200);
    expect([200, 410]).toContain(late.res.status);
    expect(await objectStorage(sessionStub(sessionId))).toEqual({ tables: [], alarm: null });
    expect(await storedFor(sessionId)).toEqual(ERASED);
  });
});
