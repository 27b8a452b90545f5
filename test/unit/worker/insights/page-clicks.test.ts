import { describe, expect, it } from "vitest";
import { detectInsights, startInsights } from "../../../../worker/insights/detect-insights.ts";
import { toPageUrl } from "../../../../protocol/page-url.ts";
import { click, NODE, pageStart, resize, T } from "../../../helpers/insight-events.ts";

describe("heatmap clicks", () => {
  it("gives x/y in percent of the viewport at the time: the latest Meta or resize", () => {
    const { clicks } = detectInsights(
      [
        click(T, NODE.text, 10, 10),
        ...pageStart(T + 1, "https://shop.example.com/cart?id=42#top", 1000, 500),
        click(T + 2000, NODE.text, 250, 125),
        resize(T + 4000, 400, 800),
        click(T + 6000, NODE.text, 400, 200),
        ...pageStart(T + 8000, "https://shop.example.com/cart", 1920, 1080),
        click(T + 10_000, NODE.text, 1920, 1200),
      ],
      startInsights(),
    );
    // The first click came before any Meta: no page, no viewport, so no heatmap point.
    expect(clicks).toEqual([
      { url: "https://shop.example.com/cart", x: 25, y: 25, at: T + 2000 },
      { url: "https://shop.example.com/cart", x: 100, y: 25, at: T + 6000 },
      { url: "https://shop.example.com/cart", x: 100, y: 100, at: T + 10_000 },
    ]);
  });

  it("follows the recorder's navigation events of a single-page app to the new page", () => {
    const route = { type: 5, timestamp: T + 3000, data: { tag: "navigation", payload: { href: "https://shop.example.com/orders?x=1", kind: "push" } } };
    const { clicks } = detectInsights([...pageStart(T), click(T + 1000, NODE.text, 500, 250), route, click(T + 4000, NODE.text, 100, 50)], startInsights());
    expect(clicks.map((c) => [c.url, c.x, c.y])).toEqual([
      ["https://shop.example.com/cart", 50, 50],
      ["https://shop.example.com/orders", 10, 10],
    ]);
  });

  it("keys pages by origin and path, redacted as the session list shows them", () => {
    expect(toPageUrl("https://shop.example.com/orders/7?token=abc#x")).toBe("https://shop.example.com/orders/7");
    expect(toPageUrl("https://shop.example.com/users/ada@example.com/edit")).not.toContain("ada@example.com");
  });
});
