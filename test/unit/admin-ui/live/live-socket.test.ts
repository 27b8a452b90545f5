import { describe, expect, it, vi } from "vitest";
import { type LiveConnection, LiveSocket, RETRY_BASE_MS, RETRY_CAP_MS, retryDelay } from "../../../../admin-ui/src/live/live-socket.ts";
import { FakeWebSocket, useFakeSockets } from "./fake-websocket.ts";

// The reconnecting socket behind /admin/live and the live player: fresh ticket per attempt,
// exponential backoff with full jitter, reset once frames flow, nothing after stop().

/** A LiveSocket whose tickets are numbered and whose jitter is `random`. */
function liveSocket(random: () => number = () => 1, tickets: (n: number) => Promise<string> = async (n) => `ws://admin.test/api/admin/live?ticket=t${n}`) {
  const frames: unknown[] = [];
  const states: LiveConnection[] = [];
  let asked = 0;
  const socket = new LiveSocket({
    connectUrl: () => tickets(++asked),
    onFrame: (f) => frames.push(f),
    onConnection: (c) => states.push(c),
    openSocket: FakeWebSocket.open,
    random,
  });
  return { socket, frames, states, asked: () => asked };
}

/**
 * Drops the newest socket `times` times; after each drop, `untilRetry` gets the wait the socket
 * announced and moves time on to its retry. Returns the waits.
 */
async function dropRepeatedly(
  states: LiveConnection[],
  times: number,
  untilRetry: (wait: number, n: number) => Promise<unknown> = (wait) => vi.advanceTimersByTimeAsync(wait),
): Promise<number[]> {
  const waits: number[] = [];
  for (let n = 0; n < times; n++) {
    FakeWebSocket.last().drop();
    const retry = states.at(-1);
    if (retry?.state !== "retrying") throw new Error(`expected a retry, got ${retry?.state}`);
    waits.push(retry.at - Date.now());
    await untilRetry(waits[n], n);
  }
  return waits;
}

/** Lets ticket promises and microtasks settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

useFakeSockets();

describe("retryDelay", () => {
  it("is random(0, min(cap, base·2^n))", () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, () => 1))).toEqual([RETRY_BASE_MS, 2 * RETRY_BASE_MS, 4 * RETRY_BASE_MS, 8 * RETRY_BASE_MS]);
    expect(retryDelay(3, () => 0.25)).toBe(RETRY_BASE_MS * 2);
    expect(retryDelay(0, () => 0)).toBe(0);
    // Capped, however many failures in a row.
    expect(retryDelay(10, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelay(60, () => 0.5)).toBe(RETRY_CAP_MS / 2);
  });
});

describe("LiveSocket", () => {
  it("opens with a ticket, reports open and hands over parsed frames", async () => {
    const { socket, frames, states } = liveSocket();
    socket.start();
    await settle();
    expect(FakeWebSocket.last().url).toBe("ws://admin.test/api/admin/live?ticket=t1");
    FakeWebSocket.last().accept();
    FakeWebSocket.last().send({ type: "sessions", sessions: [] });
    FakeWebSocket.last().send("not json");
    expect(frames).toEqual([{ type: "sessions", sessions: [] }]);
    expect(states.map((s) => s.state)).toEqual(["connecting", "open"]);
  });

  it("reopens a dropped socket with exponential backoff and a fresh ticket each time", async () => {
    const { socket, states, asked } = liveSocket(() => 1);
    socket.start();
    await settle();
    const waits = await dropRepeatedly(states, 8, async (wait, n) => {
      // Not a moment before the delay is up...
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(FakeWebSocket.opened).toHaveLength(n + 1);
      // ...then a new ticket and a new socket.
      await vi.advanceTimersByTimeAsync(1);
      expect(FakeWebSocket.opened).toHaveLength(n + 2);
    });
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(asked()).toBe(9);
    expect(new Set(FakeWebSocket.opened.map((s) => s.url)).size).toBe(9);
  });

  it("draws each delay with full jitter", async () => {
    const draws = [0.1, 0.9, 0.5];
    const { socket, states } = liveSocket(() => draws.shift() ?? 0);
    socket.start();
    await settle();
    expect(await dropRepeatedly(states, 3)).toEqual([0.1 * 500, 0.9 * 1000, 0.5 * 2000]);
  });

  it("starts the backoff over once a reopened socket delivers frames", async () => {
    const { socket, states } = liveSocket(() => 1);
    socket.start();
    await settle();
    FakeWebSocket.last().drop();
    await vi.advanceTimersByTimeAsync(500);
    FakeWebSocket.last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    // This one works: it sends its first frame, then drops much later.
    FakeWebSocket.last().accept();
    FakeWebSocket.last().send({ type: "sessions", sessions: [] });
    FakeWebSocket.last().drop();
    const retry = states.at(-1);
    expect(retry?.state === "retrying" && retry.at - Date.now()).toBe(500);
  });

  it("retries when no ticket can be had (network, 429, the route missing)", async () => {
    let fail = true;
    const { socket, states } = liveSocket(
      () => 1,
      async (n) => {
        if (fail) throw new Error("HTTP 404");
        return `ws://admin.test/api/admin/live?ticket=t${n}`;
      },
    );
    socket.start();
    await settle();
    expect(FakeWebSocket.opened).toHaveLength(0);
    expect(states.at(-1)?.state).toBe("retrying");
    fail = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeWebSocket.last().url).toBe("ws://admin.test/api/admin/live?ticket=t2");
  });

  it("never reconnects after stop(), and ignores a stopped socket's late events", async () => {
    const { socket, frames, states, asked } = liveSocket();
    socket.start();
    await settle();
    const first = FakeWebSocket.last();
    socket.stop();
    expect(first.closedByPage).toBe(true);
    first.send({ type: "sessions", sessions: [] });
    await vi.advanceTimersByTimeAsync(RETRY_CAP_MS * 4);
    expect(FakeWebSocket.opened).toHaveLength(1);
    expect(asked()).toBe(1);
    expect(frames).toEqual([]);
    expect(states.at(-1)).toEqual({ state: "closed" });
  });

  it("stopped while its ticket is on the way, opens nothing", async () => {
    let release: (url: string) => void = () => {};
    const { socket } = liveSocket(
      () => 1,
      () => new Promise((r) => (release = r)),
    );
    socket.start();
    socket.stop();
    release("ws://admin.test/api/admin/live?ticket=late");
    await settle();
    expect(FakeWebSocket.opened).toHaveLength(0);
  });
});
