import { describe, expect, it } from "vitest";
import { pickPageFrame } from "../../../../admin-ui/src/heatmaps/page-frame.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";

const T = 1_750_000_000_000;
const meta = (at: number, href: string) => ({ type: 4, timestamp: at, data: { href, width: 800, height: 600 } });
const full = (at: number) => ({ type: 2, timestamp: at, data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } } });
const move = (at: number) => ({ type: 3, timestamp: at, data: { source: 1, positions: [] } });
const route = (at: number, href: string) => ({ type: 5, timestamp: at, data: { tag: "navigation", payload: { href } } });

describe("pickPageFrame", () => {
  const events = [
    meta(T, "https://shop.example.com/cart?id=1"),
    full(T),
    move(T + 500),
    move(T + 5000),
    meta(T + 6000, "https://shop.example.com/help"),
    full(T + 6000),
    meta(T + 9000, "https://shop.example.com/cart#top"),
    full(T + 9001),
    move(T + 9500),
    move(T + 12_000),
  ] as unknown as ReplayEvent[];

  it("takes the page's last full snapshot and the second after it, not the next page", () => {
    const frame = pickPageFrame(events, "https://shop.example.com/cart");
    expect(frame?.events.map((e) => e.timestamp - T)).toEqual([9000, 9001, 9500]);
    expect(frame?.width).toBe(800);
    expect(pickPageFrame(events, "https://shop.example.com/help")?.events.map((e) => e.timestamp - T)).toEqual([6000, 6000]);
  });

  it("gives null for a page the session never showed from a full snapshot", () => {
    expect(pickPageFrame(events, "https://shop.example.com/other")).toBeNull();
    expect(pickPageFrame([meta(T, "https://shop.example.com/x")] as unknown as ReplayEvent[], "https://shop.example.com/x")).toBeNull();
  });

  it("draws a single-page app's view from its page load through the route change to it, not into the next view", () => {
    const app = [
      meta(T, "https://app.example.com/"),
      full(T + 1),
      move(T + 500),
      route(T + 2000, "https://app.example.com/account?tab=1"),
      move(T + 2500),
      move(T + 4000),
      route(T + 5000, "https://app.example.com/"),
      move(T + 5200),
    ] as unknown as ReplayEvent[];
    const frame = pickPageFrame(app, "https://app.example.com/account");
    expect(frame?.events.map((e) => e.timestamp - T)).toEqual([0, 1, 500, 2000, 2500]);
    expect(frame?.width).toBe(800);
    // The root view's latest showing is the route back to it, drawn from the same page load.
    expect(pickPageFrame(app, "https://app.example.com/")?.events.map((e) => e.timestamp - T)).toEqual([0, 1, 500, 2000, 2500, 4000, 5000, 5200]);
    // A route change before any full snapshot has nothing to draw it from.
    expect(pickPageFrame([route(T, "https://app.example.com/x")] as unknown as ReplayEvent[], "https://app.example.com/x")).toBeNull();
  });
});
