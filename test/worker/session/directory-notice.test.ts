import { describe, expect, it } from "vitest";
import { nextAlarmAt, nextNotice, NOTICE_EVERY_MS } from "../../../worker/session/directory-notice";
import type { LiveState } from "../../../worker/session/live-state";

const T = 1_767_225_600_000;
const state = (over: Partial<LiveState>): LiveState => ({
  sessionId: "s",
  lastSeq: 0,
  lastChunkAt: T,
  chunksSeen: 1,
  chunksAnnounced: 0,
  listed: false,
  announcedAt: null,
  ...over,
});

describe("nextNotice: at most one directory message per session per 30 s", () => {
  it("announces a first chunk at once", () => {
    expect(nextNotice(state({}))).toEqual({ kind: "start", at: T });
  });

  it("holds news back until 30 s after the last message (heartbeat, or a start after an end)", () => {
    expect(nextNotice(state({ listed: true, announcedAt: T - 10_000, chunksSeen: 3, chunksAnnounced: 2 }))).toEqual({
      kind: "heartbeat",
      at: T - 10_000 + NOTICE_EVERY_MS,
    });
    expect(nextNotice(state({ listed: false, announcedAt: T - 5_000, chunksSeen: 3, chunksAnnounced: 2 }))).toEqual({ kind: "start", at: T + 25_000 });
  });

  it("ends a listed session 60 s after its last chunk once the directory has heard of every chunk", () => {
    expect(nextNotice(state({ listed: true, announcedAt: T, chunksAnnounced: 1 }))).toEqual({ kind: "end", at: T + 60_000 });
  });

  it("has nothing to say for an unlisted session without news", () => {
    expect(nextNotice(state({ listed: false, announcedAt: T + 60_000, chunksAnnounced: 1 }))).toBeNull();
  });

  it("never spaces two messages less than 30 s apart, however the chunks come", () => {
    // Walk a session: chunks at irregular times, the object's alarm firing when a notice is due.
    const chunkTimes = [0, 1_000, 2_000, 29_000, 31_000, 95_000, 96_000, 200_000].map((d) => T + d);
    let s = state({ chunksSeen: 0, lastChunkAt: 0 });
    const sent: number[] = [];
    let now = T;
    for (let step = 0; step < 10_000 && now < T + 400_000; step++, now += 500) {
      for (let at = chunkTimes[0]; at !== undefined && at <= now; at = chunkTimes[0])
        s = { ...s, lastChunkAt: at, chunksSeen: s.chunksSeen + chunkTimes.splice(0, 1).length };
      const notice = nextNotice(s);
      if (notice && notice.at <= now) {
        sent.push(now);
        s = { ...s, announcedAt: now, chunksAnnounced: s.chunksSeen, listed: notice.kind !== "end" };
      }
    }
    expect(sent.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(NOTICE_EVERY_MS);
    expect(s.listed).toBe(false);
  });
});

describe("nextAlarmAt: one alarm for the index flush and the directory", () => {
  it("wakes at the earlier of the two, never before a retry is due, and not at all when neither is", () => {
    expect(nextAlarmAt(T + 5, { kind: "end", at: T + 60_000 }, 0)).toBe(T + 5);
    expect(nextAlarmAt(null, { kind: "start", at: T }, 0)).toBe(T);
    expect(nextAlarmAt(0, null, T + 10_000)).toBe(T + 10_000);
    expect(nextAlarmAt(null, null, T)).toBeNull();
  });
});
