import { describe, expect, it } from "vitest";
import { applyListFrame } from "../../../../admin-ui/src/live/session-list.ts";
import { type LiveSession, parseListFrame } from "../../../../admin-ui/src/live/frames.ts";

// The /admin/live list as the list socket's frames change it.

const T0 = 1_750_000_000_000;
const session = (id: string, startedAt: number, status: "live" | "ended" = "live"): LiveSession => ({
  id,
  userId: `u-${id}`,
  startedAt,
  status,
  chunkCount: 1,
});

/** Applies raw frames as they come off the socket (parsing included). */
function replay(frames: unknown[]): string[] {
  let list: LiveSession[] = [];
  for (const raw of frames) {
    const frame = parseListFrame(raw);
    if (frame) list = applyListFrame(list, frame);
  }
  return list.map((s) => `${s.id}:${s.chunkCount}`);
}

describe("the live session list", () => {
  it("starts from the first frame, newest first, live ones only", () => {
    expect(replay([{ type: "sessions", sessions: [session("a", T0), session("b", T0 + 10), session("c", T0 + 5, "ended")] }])).toEqual(["b:1", "a:1"]);
  });

  it("adds a session that starts, updates one that gets a chunk, removes one that ended", () => {
    const frames = [
      { type: "sessions", sessions: [session("a", T0)] },
      { type: "session", session: session("b", T0 + 10) },
      { type: "session", session: { ...session("a", T0), chunkCount: 4 } },
      { type: "session", session: session("b", T0 + 10, "ended") },
    ];
    expect(replay(frames.slice(0, 2))).toEqual(["b:1", "a:1"]);
    expect(replay(frames.slice(0, 3))).toEqual(["b:1", "a:4"]);
    expect(replay(frames)).toEqual(["a:4"]);
  });

  it("replaces the list when a reopened socket sends its first frame again", () => {
    const frames = [
      { type: "sessions", sessions: [session("a", T0), session("b", T0 + 1)] },
      { type: "sessions", sessions: [session("c", T0 + 2)] },
    ];
    expect(replay(frames)).toEqual(["c:1"]);
  });

  it("drops malformed frames and leaves out malformed entries of the first one", () => {
    const frames = [
      { type: "sessions", sessions: [session("a", T0), { id: 42 }, null] },
      { type: "session", session: { id: "x" } },
      { type: "session" },
      "garbage",
      { type: "other", session: session("z", T0) },
    ];
    expect(replay(frames)).toEqual(["a:1"]);
  });

  it("reads §5-shaped entries, extra fields and all", () => {
    const full = {
      ...session("a", T0),
      endedAt: T0 + 900,
      bytes: 2048,
      meta: { ua: "UA", viewport: { width: 1000, height: 600 }, url: "https://shop.example.com/" },
      device: "desktop",
      rageClicks: 0,
      deadClicks: 1,
    };
    const frame = parseListFrame({ type: "session", session: full });
    expect(frame?.type === "session" && frame.session.meta?.url).toBe("https://shop.example.com/");
  });
});
