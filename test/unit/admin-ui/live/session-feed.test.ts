import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followSession } from "../../../../admin-ui/src/live/session-feed.ts";
import type { LiveConnection } from "../../../../admin-ui/src/live/live-socket.ts";
import { FakeWebSocket } from "./fake-websocket.ts";

// One session's socket (contract §9 frames): hello, chunks in order, erased ends it for good.

const T0 = 1_750_000_000_000;
const click = (t: number) => ({ type: 3, timestamp: t, data: { source: 2, type: 2, id: 7, x: 1, y: 1 } });

function follow() {
  const seen: string[] = [];
  const states: LiveConnection[] = [];
  let tickets = 0;
  const stop = followSession(
    {
      onHello: (lastSeq) => seen.push(`hello ${lastSeq}`),
      onChunk: (seq, events) => seen.push(`chunk ${seq}: ${events.length}`),
      onErased: () => seen.push("erased"),
      onConnection: (c) => states.push(c),
    },
    { connectUrl: async () => `ws://admin.test/api/admin/sessions/s1/live?ticket=t${++tickets}`, openSocket: FakeWebSocket.open, random: () => 1 },
  );
  return { seen, states, stop, tickets: () => tickets };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
});
afterEach(() => vi.useRealTimers());

describe("followSession", () => {
  it("hands over hello and chunks, keeping only what is shaped like an rrweb event", async () => {
    const { seen } = follow();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeWebSocket.last();
    ws.accept();
    ws.send({ type: "hello", sessionId: "s1", lastSeq: null });
    ws.send({ type: "chunk", seq: 0, events: [click(T0), { type: "x" }, click(T0 + 5)] });
    ws.send({ type: "chunk", seq: "1", events: [] });
    ws.send({ type: "surprise" });
    ws.send({ type: "hello", sessionId: "s1", lastSeq: 4 });
    expect(seen).toEqual(["hello null", "chunk 0: 2", "hello 4"]);
  });

  it("after `erased`, stops and does not reconnect when the server closes", async () => {
    const { seen, states, tickets } = follow();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeWebSocket.last();
    ws.accept();
    ws.send({ type: "hello", sessionId: "s1", lastSeq: 2 });
    ws.send({ type: "erased" });
    ws.drop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(seen).toEqual(["hello 2", "erased"]);
    expect(FakeWebSocket.opened).toHaveLength(1);
    expect(tickets()).toBe(1);
    expect(states.at(-1)).toEqual({ state: "closed" });
  });

  it("reconnects a socket dropped without `erased`, with a new ticket", async () => {
    const { seen } = follow();
    await vi.advanceTimersByTimeAsync(0);
    FakeWebSocket.last().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeWebSocket.last().url).toBe("ws://admin.test/api/admin/sessions/s1/live?ticket=t2");
    FakeWebSocket.last().send({ type: "hello", sessionId: "s1", lastSeq: 3 });
    expect(seen).toEqual(["hello 3"]);
  });
});
