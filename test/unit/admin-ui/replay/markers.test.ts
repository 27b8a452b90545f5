import { describe, expect, it } from "vitest";
import { MarkerBuilder } from "../../../../admin-ui/src/replay/markers.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";

const T = 1_750_000_000_000;
const snapshot = {
  type: 0,
  id: 1,
  childNodes: [
    { type: 2, id: 2, tagName: "button", attributes: { id: "pay" }, childNodes: [{ type: 3, id: 3, textContent: " Pay  now " }] },
    { type: 2, id: 4, tagName: "input", attributes: { name: "email" }, childNodes: [] },
  ],
};
const events = [
  { type: 4, timestamp: T, data: { href: "https://shop.example.com/cart?x=1", width: 800, height: 600 } },
  { type: 2, timestamp: T + 1, data: { node: snapshot, initialOffset: { top: 0, left: 0 } } },
  { type: 3, timestamp: T + 100, data: { source: 5, id: 4, text: "a" } },
  { type: 3, timestamp: T + 200, data: { source: 5, id: 4, text: "ab" } },
  { type: 3, timestamp: T + 5000, data: { source: 5, id: 4, text: "abc" } },
  { type: 3, timestamp: T + 6000, data: { source: 2, type: 2, id: 2, x: 1, y: 1 } },
  { type: 3, timestamp: T + 6100, data: { source: 2, type: 0, id: 2, x: 1, y: 1 } },
  { type: 5, timestamp: T + 7000, data: { tag: "navigation", payload: { href: "https://shop.example.com/checkout", kind: "pushState" } } },
  { type: 5, timestamp: T + 7100, data: { tag: "replay.stopped", payload: { reason: "x" } } },
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
      ["navigation", 7000, "shop.example.com/checkout"],
    ]);
  });
});
