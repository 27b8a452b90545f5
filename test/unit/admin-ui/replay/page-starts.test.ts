import { describe, expect, it } from "vitest";
import { PageStarts } from "../../../../admin-ui/src/replay/page-starts.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";

// Seek targets around page loads: rrweb applies events strictly before the target, so a target
// from a Meta up to its full snapshot must move just past the snapshot or the old page stays.

const T0 = 1_750_000_000_000;
const meta = (t: number): ReplayEvent => ({ type: 4, timestamp: t, data: { href: "https://shop.example.com/", width: 1000, height: 600 } });
const snapshot = (t: number): ReplayEvent => ({
  type: 2,
  timestamp: t,
  data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } },
});
const move = (t: number): ReplayEvent => ({ type: 3, timestamp: t, data: { source: 1, positions: [] } });

function twoPages(): PageStarts {
  const pages = new PageStarts();
  // Page A loads at T0, page B at T0+3000 (its snapshot 120 ms after its Meta), in two chunks.
  pages.add([meta(T0), snapshot(T0 + 10), move(T0 + 1000)]);
  pages.add([move(T0 + 2000), meta(T0 + 3000), snapshot(T0 + 3120), move(T0 + 4000)]);
  return pages;
}

describe("PageStarts.seekTarget", () => {
  it("moves a seek onto a page's Meta (the event list's Page entry) past its snapshot", () => {
    expect(twoPages().seekTarget(T0 + 3000)).toBe(T0 + 3121);
  });

  it("moves a seek between a Meta and its snapshot, or onto the snapshot, past it", () => {
    const pages = twoPages();
    expect(pages.seekTarget(T0 + 3050)).toBe(T0 + 3121);
    expect(pages.seekTarget(T0 + 3120)).toBe(T0 + 3121);
    expect(pages.seekTarget(T0)).toBe(T0 + 11);
  });

  it("leaves every other target alone", () => {
    const pages = twoPages();
    for (const t of [T0 + 11, T0 + 1500, T0 + 2999, T0 + 3121, T0 + 3500, T0 + 9000]) expect(pages.seekTarget(t)).toBe(t);
  });

  it("handles a page whose snapshot has not arrived yet", () => {
    const pages = new PageStarts();
    pages.add([meta(T0), snapshot(T0 + 10), move(T0 + 500), meta(T0 + 900)]);
    expect(pages.seekTarget(T0 + 950)).toBe(T0 + 950);
  });
});
