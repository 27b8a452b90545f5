import { beforeEach, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../../../recorder/buffer/outbox.ts";
import { ChunkStore } from "../../../../recorder/buffer/persist.ts";
import { FLUSH_INTERVAL_MS } from "../../../../recorder/constants.ts";
import { FlushTimer, WATCHED_FLUSH_INTERVAL_MS } from "../../../../recorder/transport/flush-timer.ts";
import { Sender } from "../../../../recorder/transport/sender.ts";
import { emptyChunk, TEST_SESSION_ID } from "../../../helpers/recorder/chunks.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"], now: 1_767_225_600_000 });
});

/** A FlushTimer counting its ticks; `ticksAfter(ms)` moves fake time on and says how many there have been. */
function counted(normalMs: number) {
  let ticks = 0;
  const timer = new FlushTimer(normalMs, () => ticks++);
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
    expect(await ticksAfter(10_000)).toBe(2);
    timer.setWatched(true);
    expect(await ticksAfter(10_000)).toBe(2 + 10_000 / WATCHED_FLUSH_INTERVAL_MS);
    timer.setWatched(true); // the same answer again changes nothing
    timer.setWatched(false);
    expect(await ticksAfter(10_000)).toBe(12 + 2);
    timer.stop();
    timer.setWatched(true);
    expect(await ticksAfter(10_000)).toBe(14);

    // A recorder set to flush faster than once a second is never slowed down.
    const fast = counted(250);
    fast.timer.start();
    fast.timer.setWatched(true);
    expect(await fast.ticksAfter(1_000)).toBe(4);
    fast.timer.stop();
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
    timer = new FlushTimer(FLUSH_INTERVAL_MS, () => {
      const n = seq++;
      outbox.add(emptyChunk(n, TEST_SESSION_ID, Date.now()));
      sender.kick();
    });
    timer.start();
    // Normal pace first: one upload after 5 s, whose answer says watched.
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    expect(uploadsAt).toHaveLength(1);
    // Watched: one a second, until an answer stops saying so (the 7th), then the normal pace again.
    await vi.advanceTimersByTimeAsync(6_000);
    expect(uploadsAt).toHaveLength(7);
    const gaps = uploadsAt.slice(1).map((t, i) => t - uploadsAt[i]);
    expect(gaps.every((g) => g <= WATCHED_FLUSH_INTERVAL_MS)).toBe(true);
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS - 1);
    expect(uploadsAt).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(uploadsAt).toHaveLength(8);
    timer.stop();
  });
});
