import { beforeEach, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../../../recorder/buffer/outbox.ts";
import { ChunkStore } from "../../../../recorder/buffer/persist.ts";
import { FLUSH_INTERVAL_MS } from "../../../../recorder/constants.ts";
import { FLUSH_JITTER, FlushTimer, WATCHED_FLUSH_INTERVAL_MS } from "../../../../recorder/transport/flush-timer.ts";
import { Sender } from "../../../../recorder/transport/sender.ts";
import { emptyChunk, TEST_SESSION_ID } from "../../../helpers/recorder/chunks.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"], now: 1_767_225_600_000 });
});

/** The jitter's middle draw: normal waits are exactly the interval, watched ones 10 % under the second. */
const MIDDLE = () => 0.5;
const WATCHED_MIDDLE_MS = WATCHED_FLUSH_INTERVAL_MS * (1 - FLUSH_JITTER / 2);

/** A FlushTimer counting its ticks; `ticksAfter(ms)` moves fake time on and says how many there have been. */
function counted(normalMs: number, random: () => number = MIDDLE) {
  let ticks = 0;
  const timer = new FlushTimer(normalMs, () => ticks++, random);
  const ticksAfter = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    return ticks;
  };
  return { timer, ticksAfter };
}

describe("FlushTimer", () => {
  it("ticks at the normal interval, at least once a second while watched (never slower than normal), and back when no longer watched", async () => {
    const { timer, ticksAfter } = counted(FLUSH_INTERVAL_MS);
    timer.start();
    expect(await ticksAfter(2 * FLUSH_INTERVAL_MS)).toBe(2);
    timer.setWatched(true);
    const watchedTicks = Math.floor(10_000 / WATCHED_MIDDLE_MS);
    expect(await ticksAfter(10_000)).toBe(2 + watchedTicks);
    timer.setWatched(true); // the same answer again changes nothing
    timer.setWatched(false);
    expect(await ticksAfter(2 * FLUSH_INTERVAL_MS)).toBe(2 + watchedTicks + 2);
    timer.stop();
    timer.setWatched(true);
    expect(await ticksAfter(10_000)).toBe(2 + watchedTicks + 2);

    // A recorder set to flush faster than once a second is never slowed down.
    const fast = counted(250);
    fast.timer.start();
    fast.timer.setWatched(true);
    expect(await fast.ticksAfter(1_000)).toBe(4);
    fast.timer.stop();
  });

  it("jitters each wait by ±20 % (only downwards while watched, so the 1 s bound holds), drawn afresh every time", () => {
    const draw = (r: number, watched: boolean) => {
      const timer = new FlushTimer(
        FLUSH_INTERVAL_MS,
        () => {},
        () => r,
      );
      timer.setWatched(watched);
      return timer.nextDelayMs();
    };
    expect([draw(0, false), draw(0.5, false), draw(0.999_999, false)]).toEqual([0.8 * FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, 1.2 * FLUSH_INTERVAL_MS]);
    expect([draw(0, true), draw(0.999_999, true)]).toEqual([WATCHED_FLUSH_INTERVAL_MS, 0.8 * WATCHED_FLUSH_INTERVAL_MS]);

    // With the real random source, two tabs started together drift apart at once.
    const start = Date.now();
    const tabs = [[], []].map((at: number[]) => {
      new FlushTimer(FLUSH_INTERVAL_MS, () => at.push(Date.now())).start();
      return at;
    });
    vi.advanceTimersByTime(60_000);
    const [a, b] = tabs;
    for (const at of tabs) {
      const waits = at.map((t, i) => t - (i === 0 ? start : at[i - 1]));
      expect(waits.length).toBeGreaterThanOrEqual(Math.floor(60_000 / (1.2 * FLUSH_INTERVAL_MS)));
      expect(waits.every((w) => w >= 0.8 * FLUSH_INTERVAL_MS && w <= 1.2 * FLUSH_INTERVAL_MS)).toBe(true);
      expect(new Set(waits).size).toBeGreaterThan(1);
    }
    expect(a).not.toEqual(b);
  });

  it("wired to the sender as the recorder wires it: uploads follow the answers' watched", async () => {
    // The server says watched for the first 6 uploads, then stops saying it.
    let answered = 0;
    const uploadsAt: number[] = [];
    vi.stubGlobal("fetch", async () => {
      uploadsAt.push(Date.now());
      return new Response(JSON.stringify({ ok: true, ...(++answered <= 6 ? { watched: true } : {}) }));
    });
    const outbox = new Outbox(new ChunkStore(new MemoryStorage()));
    let seq = 0;
    let timer: FlushTimer | undefined;
    const sender = new Sender("https://r.example", outbox, {
      getToken: async () => "t",
      onDisabled: () => {},
      onSessionGone: () => {},
      onRejected: () => {},
      onWatched: (watched) => timer?.setWatched(watched),
    });
    // Each tick cuts one chunk, as the recorder's cut() does when events are buffered.
    timer = new FlushTimer(
      FLUSH_INTERVAL_MS,
      () => {
        const n = seq++;
        outbox.add(emptyChunk(n, TEST_SESSION_ID, Date.now()));
        sender.kick();
      },
      MIDDLE,
    );
    timer.start();
    // Normal pace first: one upload after 5 s, whose answer says watched.
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    expect(uploadsAt).toHaveLength(1);
    // Watched: one a second, until an answer stops saying so (the 7th), then the normal pace again.
    await vi.advanceTimersByTimeAsync(6 * WATCHED_MIDDLE_MS);
    expect(uploadsAt).toHaveLength(7);
    const gaps = uploadsAt.slice(1).map((t, i) => t - uploadsAt[i]);
    expect(gaps.every((g) => g <= WATCHED_FLUSH_INTERVAL_MS)).toBe(true);
    // The 7th answer said nothing: the next cut is a normal interval after it.
    await vi.advanceTimersByTimeAsync(uploadsAt[6] + FLUSH_INTERVAL_MS - 1 - Date.now());
    expect(uploadsAt).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(uploadsAt).toHaveLength(8);
    timer.stop();
  });
});
