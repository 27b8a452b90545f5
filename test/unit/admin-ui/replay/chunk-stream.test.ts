import { describe, expect, it, vi } from "vitest";
import { ChunkStream } from "../../../../admin-ui/src/replay/chunk-stream.ts";
import type { ChunkRef } from "../../../../admin-ui/src/api/schemas.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";

// The player's chunk loader with a fake network: order, expired links, failures, live growth.

const T0 = 1_750_000_000_000;
const ev = (seq: number) => [{ type: 3, timestamp: T0 + seq * 1000, data: { source: 1, positions: [] } }];
const chunk = (seq: number, sig = "a"): ChunkRef => ({
  seq,
  startedAt: T0 + seq * 1000,
  endedAt: T0 + seq * 1000 + 900,
  bytes: 10,
  url: `https://x.test/api/chunks/s/${seq}?sig=${sig}`,
});

/** Routes fetches by URL; `expired` signatures answer 403 like the worker. */
function fakeNetwork(opts: { expiredSig?: string; missing?: number[]; delays?: Record<number, number> } = {}) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push(url);
    const u = new URL(url);
    const seq = Number(u.pathname.split("/").pop());
    await new Promise((r) => setTimeout(r, opts.delays?.[seq] ?? 0));
    if (u.searchParams.get("sig") === opts.expiredSig) return new Response("{}", { status: 403 });
    if (opts.missing?.includes(seq)) return new Response("{}", { status: 404 });
    return new Response(JSON.stringify(ev(seq)), { status: 200 });
  });
  return calls;
}

function collect() {
  const delivered: number[] = [];
  const failed: string[] = [];
  const handlers = {
    onChunk: (seq: number, events: ReplayEvent[]) => {
      expect(events).toHaveLength(1);
      delivered.push(seq);
    },
    onChunkFailed: (c: ChunkRef, reason: string) => failed.push(`${c.seq}:${reason}`),
    requestFreshUrls: vi.fn(),
  };
  return { delivered, failed, handlers, refreshes: () => handlers.requestFreshUrls.mock.calls.length };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe("ChunkStream", () => {
  it("delivers chunks in seq order even when a later one arrives first", async () => {
    fakeNetwork({ delays: { 0: 30 } });
    const c = collect();
    new ChunkStream(c.handlers).update([chunk(2), chunk(0), chunk(1)], Date.now() + 300_000);
    await settle();
    expect(c.delivered).toEqual([0, 1, 2]);
  });

  it("asks for fresh URLs on a 403 and resumes in order once they come", async () => {
    fakeNetwork({ expiredSig: "old" });
    const c = collect();
    const stream = new ChunkStream(c.handlers);
    stream.update([chunk(0, "old"), chunk(1, "old")], Date.now() + 300_000);
    await settle();
    expect(c.delivered).toEqual([]);
    expect(c.refreshes()).toBe(1);
    stream.update([chunk(0, "new"), chunk(1, "new")], Date.now() + 300_000);
    await settle();
    expect(c.delivered).toEqual([0, 1]);
    expect(c.failed).toEqual([]);
  });

  it("refreshes URLs before fetching when they are about to expire", async () => {
    const calls = fakeNetwork();
    const c = collect();
    new ChunkStream(c.handlers).update([chunk(0)], Date.now() + 1_000);
    await settle();
    // 1 s left of a 1 s lifetime is fine (margin is a quarter of it), so it fetched.
    expect(calls).toHaveLength(1);
    const c2 = collect();
    new ChunkStream(c2.handlers).update([chunk(0)], Date.now() - 1);
    await settle();
    expect(c2.refreshes()).toBe(1);
    expect(c2.delivered).toEqual([]);
  });

  it("reports a chunk that is gone and carries on with the next", async () => {
    fakeNetwork({ missing: [1] });
    const c = collect();
    new ChunkStream(c.handlers).update([chunk(0), chunk(1), chunk(2)], Date.now() + 300_000);
    await settle();
    expect(c.delivered).toEqual([0, 2]);
    expect(c.failed).toEqual(["1:no longer stored"]);
  });

  it("fetches only the new chunks of a live session", async () => {
    const calls = fakeNetwork();
    const c = collect();
    const stream = new ChunkStream(c.handlers);
    stream.update([chunk(0)], Date.now() + 300_000);
    await settle();
    stream.update([chunk(0), chunk(1)], Date.now() + 300_000);
    await settle();
    expect(c.delivered).toEqual([0, 1]);
    expect(calls).toHaveLength(2);
  });
});

describe("ChunkStream with a live socket", () => {
  const FRESH = () => Date.now() + 300_000;

  it("delivers pushed chunks after the listed ones, each seq once whichever source has it", async () => {
    const calls = fakeNetwork({ delays: { 1: 30 } });
    const c = collect();
    const stream = new ChunkStream(c.handlers);
    stream.update([chunk(0), chunk(1)], FRESH());
    stream.expectStored(1);
    // The socket is faster than chunk 1's fetch: chunk 2 waits for it.
    stream.push(2, ev(2));
    await settle();
    expect(c.delivered).toEqual([0, 1, 2]);
    // A repeat, from either side, changes nothing.
    stream.push(1, ev(1));
    stream.update([chunk(0), chunk(1), chunk(2)], FRESH());
    await settle();
    expect(c.delivered).toEqual([0, 1, 2]);
    expect(calls).toHaveLength(2);
  });

  it("holds pushed chunks until the chunks stored before the socket opened are listed", async () => {
    fakeNetwork();
    const c = collect();
    const stream = new ChunkStream(c.handlers);
    stream.update([chunk(0)], FRESH());
    await settle();
    // The socket (re)opened after chunks 1 and 2 were stored: they are not in this detail yet.
    stream.expectStored(2);
    expect(stream.knows(2)).toBe(false);
    stream.push(3, ev(3));
    await settle();
    expect(c.delivered).toEqual([0]);
    // The detail fetched again lists them: everything goes out in order.
    stream.update([chunk(0), chunk(1), chunk(2)], FRESH());
    await settle();
    expect(c.delivered).toEqual([0, 1, 2, 3]);
  });

  it("needs no URL for a pushed chunk, and takes it when its listed twin fails", async () => {
    fakeNetwork({ missing: [1], delays: { 1: 30 } });
    const c = collect();
    const stream = new ChunkStream(c.handlers);
    stream.update([chunk(0), chunk(1)], FRESH());
    stream.push(1, ev(1));
    await settle();
    expect(c.delivered).toEqual([0, 1]);
    expect(c.failed).toEqual([]);
    // Expired URLs do not hold up chunks that came with their events.
    const c2 = collect();
    const live = new ChunkStream(c2.handlers);
    live.update([], Date.now() - 1);
    live.push(0, ev(0));
    await settle();
    expect(c2.delivered).toEqual([0]);
    expect(c2.refreshes()).toBe(0);
  });
});
