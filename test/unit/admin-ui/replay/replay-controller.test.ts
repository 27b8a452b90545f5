import { beforeEach, describe, expect, it, vi } from "vitest";
import { createReplayController, LIVE_MAX_LAG_MS } from "../../../../admin-ui/src/replay/replay-controller.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";
import { ChunkStream } from "../../../../admin-ui/src/replay/chunk-stream.ts";
import { nodeBuilder } from "../../../helpers/rrweb-nodes.ts";
import { FakePlayer } from "./fake-player.ts";

// The controller between the chunk stream and rrweb-player, with a fake player: play state,
// a timeline that does not grow as chunks load, waiting for chunks, following live, page seeks.

const T0 = 1_750_000_000_000;
const meta = (t: number): ReplayEvent => ({ type: 4, timestamp: t, data: { href: "https://shop.example.com/", width: 1000, height: 600 } });
const move = (t: number): ReplayEvent => ({ type: 3, timestamp: t, data: { source: 1, positions: [{ x: 1, y: 1, id: 3, timeOffset: 0 }] } });
/** A full snapshot of a page showing one image. */
const snapshot = (t: number, src = "https://cdn.example/probe.png"): ReplayEvent => {
  const { el, doc } = nodeBuilder();
  return { type: 2, timestamp: t, data: { initialOffset: { top: 0, left: 0 }, node: doc(el("html", {}, [el("body", {}, [el("img", { src })])])) } };
};
/** A page load at `t` (Meta, then its snapshot 100 ms later) and a mouse move per second until `until`. */
const page = (t: number, until: number): ReplayEvent[] => [
  meta(t),
  snapshot(t + 100),
  ...Array.from({ length: Math.floor((until - t) / 1000) }, (_, i) => move(t + 1000 * (i + 1))),
];

/** Lets microtasks (rrweb's addEvent, the Svelte state dispatch) and due timers run. */
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Lets a frame's worth of fake time pass (the controller checks the player once a frame). */
const nextFrame = () => vi.advanceTimersByTimeAsync(20);

function start(events: ReplayEvent[] = page(T0, T0 + 3000)) {
  const controller = createReplayController(FakePlayer.create);
  controller.mount("host");
  controller.addEvents(events);
  return { controller, player: FakePlayer.last() };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("requestAnimationFrame", (cb: () => void) => setTimeout(cb, 16));
  FakePlayer.made = [];
});

describe("play state", () => {
  it("reads playing while the replay starts by itself, and pauses with one press", async () => {
    const { controller, player } = start();
    await settle();
    // The player was started after the controller listened, so its "playing" was heard.
    expect(player.gotos[0]).toEqual({ at: 0, play: true });
    expect(controller.playing()).toBe(true);
    controller.toggle();
    await settle();
    expect(player.isPlaying).toBe(false);
    expect(controller.playing()).toBe(false);
  });

  it("keeps the time up with the player's clock while it plays", async () => {
    const { controller, player } = start();
    await settle();
    player.advance(1500);
    await nextFrame();
    expect(controller.currentTime()).toBe(1500);
  });
});

/** A session of `lengthMs` whose first `arrived` events are in, the rest still on its way. */
function loading(lengthMs: number, arrived: number) {
  const controller = createReplayController(FakePlayer.create);
  controller.mount("host");
  const events = page(T0, T0 + lengthMs);
  controller.expect(T0 + lengthMs, true);
  controller.addEvents(events.slice(0, arrived));
  return { controller, events };
}

describe("a session whose chunks are still loading", () => {
  it("shows the whole session's length from the first chunk on", async () => {
    const { controller, events } = loading(9000, 5);
    await settle();
    expect(controller.totalTime()).toBe(9000);
    controller.addEvents(events.slice(5));
    controller.expect(T0 + 9000, false);
    await settle();
    expect(controller.totalTime()).toBe(9000);
  });

  it("waits at the end of what arrived, then plays on from there into the next chunk", async () => {
    const { controller, events } = loading(6000, 4); // up to T0+2000
    await settle();
    const player = FakePlayer.last();
    expect(player.held).toBe(true);
    player.advance(5000);
    await nextFrame();
    // Stopped at the end of what arrived (its clock must not run on), yet playing to the admin.
    expect(player.isPlaying).toBe(false);
    expect(controller.currentTime()).toBe(2000);
    expect(controller.playing()).toBe(true);
    // The chunk that ends the wait arrives (as the stream delivers it: events, then the count).
    controller.addEvents(events.slice(4));
    controller.expect(T0 + 6000, false);
    await settle();
    expect(player.gotos.at(-1)).toEqual({ at: 2001, play: true });
    expect(player.held).toBe(false);
    expect(controller.playing()).toBe(true);
    player.advance(10_000);
    await settle();
    expect(controller.playing()).toBe(false);
  });

  it("ends a replay waiting at the end when nothing more is coming (the last chunk failed)", async () => {
    const { controller, player } = start();
    controller.expect(T0 + 9000, true);
    await settle();
    player.advance(10_000);
    await nextFrame();
    expect(controller.playing()).toBe(true);
    controller.expect(T0 + 9000, false);
    await settle();
    expect(controller.playing()).toBe(false);
  });
});

/** Pointer moves at `times` (ms after T0) arrive while following; answers the player's last seek. */
async function arrive(live: Awaited<ReturnType<typeof followingLive>>, ...times: number[]) {
  live.controller.addEvents(times.map((t) => move(T0 + t)));
  await settle();
  return live.player.gotos.at(-1);
}

/** A replay of the first three seconds that jumped to live and waits there (a frame later). */
async function followingLive() {
  const started = start();
  await settle();
  started.controller.jumpToLive();
  await nextFrame();
  return started;
}

describe("following a live session", () => {
  it("jumps to the newest events, plays, and waits there for more", async () => {
    const { controller, player } = await followingLive();
    expect(controller.following()).toBe(true);
    expect(player.gotos.at(-1)).toEqual({ at: 3001, play: true });
    expect(player.held).toBe(true);
    expect(controller.playing()).toBe(true);
    expect(controller.currentTime()).toBe(3000);
  });

  it("plays new events as they arrive, from the first of them even after a quiet minute", async () => {
    const live = await followingLive();
    expect(await arrive(live, 3500, 3900)).toEqual({ at: 3500, play: true });
    live.player.advance(400);
    await nextFrame();
    expect(await arrive(live, 63_900)).toEqual({ at: 63_900, play: true });
  });

  it("jumps to the newest event of a long chunk instead of playing it out behind the live edge", async () => {
    const live = await followingLive();
    // Eight seconds recorded before anyone watched, arriving in one chunk.
    expect(await arrive(live, ...Array.from({ length: 9 }, (_, i) => 3500 + 1000 * i))).toEqual({ at: 11_501, play: true });
    expect(live.controller.currentTime()).toBe(11_500);
    expect(live.controller.following()).toBe(true);
  });

  it("catches up while playing when it falls more than LIVE_MAX_LAG_MS behind, and not before", async () => {
    const live = await followingLive();
    expect(await arrive(live, 3500, 4500)).toEqual({ at: 3500, play: true });
    live.player.advance(200);
    const gotos = live.player.gotos.length;
    // 3700 played, newest 4600: within the bound, so it plays on in real time.
    await arrive(live, 4600);
    expect(live.player.gotos).toHaveLength(gotos);
    expect(await arrive(live, 3700 + LIVE_MAX_LAG_MS + 100)).toEqual({ at: 3700 + LIVE_MAX_LAG_MS + 101, play: true });
  });

  it("keeps buffering while paused, and resumes at the end on jump to live", async () => {
    const { controller, player } = await followingLive();
    controller.pause();
    await settle();
    expect(controller.following()).toBe(false);
    expect(controller.playing()).toBe(false);
    expect(player.held).toBe(false);
    const gotos = player.gotos.length;
    controller.addEvents([move(T0 + 4000), move(T0 + 5000)]);
    await settle();
    expect(player.events.at(-1)?.timestamp).toBe(T0 + 5000);
    expect(player.gotos).toHaveLength(gotos);
    expect(controller.totalTime()).toBe(5000);
    controller.jumpToLive();
    await settle();
    expect(player.gotos.at(-1)).toEqual({ at: 5001, play: true });
    expect(controller.currentTime()).toBe(5000);
  });

  it("stops following when the admin seeks back", async () => {
    const { controller } = start();
    await settle();
    controller.jumpToLive();
    controller.seek(1000);
    expect(controller.following()).toBe(false);
  });
});

describe("seeking", () => {
  it("lands past the new page's snapshot when seeking onto a page load", async () => {
    const { controller, player } = start([...page(T0, T0 + 3000), ...page(T0 + 4000, T0 + 6000)]);
    await settle();
    controller.pause();
    await settle();
    // The event list's "Page" entry points at the Meta: rrweb must apply the snapshot after it too.
    controller.seek(4000);
    expect(player.gotos.at(-1)).toEqual({ at: 4101, play: false });
    controller.seek(2500);
    expect(player.gotos.at(-1)).toEqual({ at: 2500, play: false });
    // Past what has arrived: the end, just past the last event.
    controller.seek(99_000);
    expect(player.gotos.at(-1)).toEqual({ at: 6001, play: false });
    expect(controller.currentTime()).toBe(6000);
  });
});

describe("URL neutralizing", () => {
  it("rewrites every event, pushed by the live socket or fetched, before the player sees it", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify([snapshot(T0 + 100, "https://cdn.example/probe-fetched.png"), move(T0 + 1000)])));
    const controller = createReplayController(FakePlayer.create);
    controller.mount("host");
    const stream = new ChunkStream({ onChunk: (_seq, events) => controller.addEvents(events), onChunkFailed: () => {}, requestFreshUrls: () => {} });
    stream.update([{ seq: 0, startedAt: T0, endedAt: T0 + 1000, url: "https://x.test/api/chunks/s/0?sig=a" }], Date.now() + 300_000);
    stream.push(1, [meta(T0 + 2000), snapshot(T0 + 2100, "https://cdn.example/probe-pushed.png"), move(T0 + 3000)]);
    await settle();
    const seen = JSON.stringify(FakePlayer.last().events);
    expect(FakePlayer.last().events).toHaveLength(5);
    expect(seen).not.toContain("probe-");
    expect(seen).toContain("data:image/");
  });
});
