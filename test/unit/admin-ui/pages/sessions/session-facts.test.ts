import { describe, expect, it } from "vitest";
import type { SessionDetail } from "../../../../../admin-ui/src/api/schemas.ts";
import { liveChunkOf, sessionDuration, sessionPage, withLiveChunks } from "../../../../../admin-ui/src/pages/sessions/session-facts.ts";

const chunk = (seq: number, startedAt: number, endedAt: number) => ({ seq, startedAt, endedAt, url: `https://w.example/c/${seq}`, bytes: 100, eventCount: 3 });
const detail: SessionDetail = {
  id: "s1",
  userId: "u1",
  startedAt: 1_000,
  endedAt: 9_000,
  status: "ended",
  meta: {},
  chunkCount: 2,
  bytes: 200,
  eventCount: 6,
  chunks: [chunk(0, 1_000, 5_000), chunk(1, 5_000, 9_000)],
  insights: [],
  urlsExpireAt: 60_000,
};

describe("session facts", () => {
  it("measures a session only when both ends are known", () => {
    expect(sessionDuration({ startedAt: 1_000, endedAt: 66_000 })).toBe(65_000);
    expect(sessionDuration({ startedAt: 1_000, endedAt: null })).toBeNull();
    expect(sessionDuration({ startedAt: null, endedAt: 2_000 })).toBeNull();
  });

  it("shows the last page seen, else the first", () => {
    expect(sessionPage({ lastUrl: "https://a.example/last", meta: { url: "https://a.example/first" } })).toBe("https://a.example/last");
    expect(sessionPage({ lastUrl: null, meta: { url: "https://a.example/first" } })).toBe("https://a.example/first");
    expect(sessionPage({ meta: {} })).toBeUndefined();
  });

  it("counts the chunks the live socket pushed until the detail lists them, leaving the stored size as it was", () => {
    expect(withLiveChunks(detail, new Map())).toEqual({ session: detail, pending: 0 });
    const pushed = new Map([
      [1, liveChunkOf([{ timestamp: 8_000 }, { timestamp: 9_000 }])],
      [2, liveChunkOf([{ timestamp: 9_500 }, { timestamp: 14_000 }, { timestamp: 12_000 }])],
      [3, liveChunkOf([{ timestamp: 19_000 }])],
    ]);
    const { session, pending } = withLiveChunks(detail, pushed);
    // Seq 1 was listed already: only 2 and 3 are new.
    expect(pending).toBe(2);
    expect(session).toMatchObject({ status: "live", endedAt: 19_000, chunkCount: 4, eventCount: 10, bytes: 200 });
    expect(sessionDuration(session)).toBe(18_000);
    // Once the detail is read again and lists them, it says it all.
    const reread = { ...detail, chunks: [...detail.chunks, chunk(2, 9_000, 14_000), chunk(3, 14_000, 19_000)] };
    expect(withLiveChunks(reread, pushed).pending).toBe(0);
  });
});
