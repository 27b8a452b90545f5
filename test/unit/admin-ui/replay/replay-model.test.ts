import { describe, expect, it } from "vitest";
import { MarkerBuilder } from "../../../../admin-ui/src/replay/markers.ts";
import { findSeqGaps } from "../../../../admin-ui/src/replay/gaps.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";
import type { ChunkRef } from "../../../../admin-ui/src/api/schemas.ts";
import { formatBytes, formatDuration, describeUserAgent, shortUrl } from "../../../../admin-ui/src/lib/format.ts";
import { safeNextPath } from "../../../../admin-ui/src/lib/next-path.ts";
import { filterParams, readFilters } from "../../../../admin-ui/src/pages/sessions/filters.ts";

const T = 1_750_000_000_000;
const snapshot = {
  type: 0,
  id: 1,
  childNodes: [{ type: 2, id: 2, tagName: "button", attributes: { id: "pay" }, childNodes: [{ type: 3, id: 3, textContent: " Pay  now " }] }, { type: 2, id: 4, tagName: "input", attributes: { name: "email" }, childNodes: [] }],
};
const events = [
  { type: 4, timestamp: T, data: { href: "https://shop.example.com/cart?x=1", width: 800, height: 600 } },
  { type: 2, timestamp: T + 1, data: { node: snapshot, initialOffset: { top: 0, left: 0 } } },
  { type: 3, timestamp: T + 100, data: { source: 5, id: 4, text: "a" } },
  { type: 3, timestamp: T + 200, data: { source: 5, id: 4, text: "ab" } },
  { type: 3, timestamp: T + 5000, data: { source: 5, id: 4, text: "abc" } },
  { type: 3, timestamp: T + 6000, data: { source: 2, type: 2, id: 2, x: 1, y: 1 } },
  { type: 3, timestamp: T + 6100, data: { source: 2, type: 0, id: 2, x: 1, y: 1 } },
] as unknown as ReplayEvent[];

describe("markers", () => {
  it("names clicks, merges keystrokes into one input entry, and lists navigations", () => {
    const b = new MarkerBuilder();
    const first = b.add(events.slice(0, 4));
    const rest = b.add(events.slice(4));
    expect([...first, ...rest].map((m) => [m.kind, m.at - T, m.label])).toEqual([
      ["navigation", 0, "shop.example.com/cart?x=1"],
      ["input", 100, "Input in input[name=email]"],
      ["input", 5000, "Input in input[name=email]"],
      ["click", 6000, "Click on button#pay “Pay now”"],
    ]);
  });
});

describe("gaps", () => {
  const c = (seq: number): ChunkRef => ({ seq, startedAt: T + seq * 10, endedAt: T + seq * 10 + 5, bytes: 1, url: "u" });
  it("finds missing seqs between kept chunks but not before the first one", () => {
    expect(findSeqGaps([c(3), c(4), c(7), c(9)]).map((g) => [g.label, g.at - T, (g.until ?? 0) - T])).toEqual([
      ["Chunks 5–6 are missing", 45, 70],
      ["Chunk 8 is missing", 75, 90],
    ]);
    expect(findSeqGaps([c(5), c(6)])).toEqual([]);
  });
});

describe("formatting and URL state", () => {
  it("formats sizes, durations and devices for the table", () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(10 * 1024 * 1024)]).toEqual(["0 B", "1.5 KB", "10 MB"]);
    expect([formatDuration(65_000), formatDuration(3_725_000), formatDuration(null)]).toEqual(["1:05", "1:02:05", "–"]);
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")).toBe("Safari 17 · macOS");
    expect(shortUrl("javascript:alert(1)")).toBe("javascript:alert(1)");
  });

  it("only returns to same-app paths after sign-in", () => {
    expect(safeNextPath("/sessions?user=a")).toBe("/sessions?user=a");
    for (const bad of ["//evil.test", "https://evil.test", "/\\evil.test", undefined, "/sign-in"]) expect(safeNextPath(bad)).toBe("/sessions");
  });

  it("round-trips filters through the URL in UTC", () => {
    const params = filterParams({ userId: "ada", from: Date.UTC(2026, 0, 2, 3, 4), to: undefined });
    expect(params).toEqual({ user: "ada", from: "2026-01-02T03:04:00.000Z", to: null, cursor: null });
    expect(readFilters({ user: "ada", from: params.from ?? undefined, cursor: "abc" })).toEqual({ userId: "ada", from: Date.UTC(2026, 0, 2, 3, 4), to: undefined, cursor: "abc" });
    expect(readFilters({ from: "not a date" }).from).toBeUndefined();
  });
});
