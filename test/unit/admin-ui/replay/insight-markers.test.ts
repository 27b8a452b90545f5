import { describe, expect, it } from "vitest";
import { insightMarkers } from "../../../../admin-ui/src/replay/insight-markers.ts";

describe("insightMarkers", () => {
  it("names rage and dead clicks by their element, in time order", () => {
    const markers = insightMarkers([
      { type: "dead_click", at: 20, x: 10, y: 20, label: "a 'Help'", clicks: 1 },
      { type: "rage_click", at: 10, x: 5.4, y: 6.6, label: null, clicks: 4 },
      { type: "rage_click", at: 30, x: 1, y: 2, label: "button 'Pay'", clicks: 3 },
    ]);
    expect(markers).toEqual([
      { kind: "rage_click", at: 10, label: "Rage click at 5, 7 (4 clicks)" },
      { kind: "dead_click", at: 20, label: "Dead click on a 'Help'" },
      { kind: "rage_click", at: 30, label: "Rage click on button 'Pay' (3 clicks)" },
    ]);
  });
});
