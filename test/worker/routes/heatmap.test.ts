import { beforeAll, describe, expect, it } from "vitest";
import { HEATMAP_CELL_PERCENT } from "../../../worker/db/heatmap-queries";
import { convertDeviceTypeToNumber } from "../../../protocol/enums";
import { adminFetch, adminGet } from "../../helpers/worker/admin";
import { T0 } from "../../helpers/worker/events";
import { getHeatmap, seedHeatmapClicks } from "../../helpers/worker/heatmap";
import { seededRandom } from "../../helpers/seeded-random";
import { call, expectError } from "../../helpers/worker/http";
import { DAY_MS, HOUR_MS } from "../../helpers/worker/time";

const PAGE = "https://shop.example.com/cart";
const desktop = convertDeviceTypeToNumber("desktop");
const mobile = convertDeviceTypeToNumber("mobile");

describe("GET /api/admin/heatmap", () => {
  beforeAll(async () => {
    await seedHeatmapClicks([
      // Day 0, 10:00: two desktop clicks in one cell, one mobile click elsewhere.
      { url: PAGE, x: 10.2, y: 20.9, at: T0 + 10 * HOUR_MS, device: desktop },
      { url: PAGE, x: 11.9, y: 21.5, at: T0 + 10 * HOUR_MS + 5, device: desktop },
      { url: PAGE, x: 100, y: 0, at: T0 + 10 * HOUR_MS + 9, device: mobile },
      // Day 1 and day 3, desktop.
      { url: PAGE, x: 50, y: 50, at: T0 + DAY_MS + HOUR_MS, device: desktop },
      { url: PAGE, x: 50, y: 50, at: T0 + 3 * DAY_MS + 23 * HOUR_MS, device: desktop, sessionId: "latest" },
      // Another page.
      { url: "https://shop.example.com/help", x: 1, y: 1, at: T0, device: desktop },
    ]);
  });

  it("answers the page's clicks as points in 2-point cells whose counts add up to clicks", async () => {
    const { status, body } = await getHeatmap({ url: PAGE });
    expect(status).toBe(200);
    expect(body.url).toBe(PAGE);
    expect(body.clicks).toBe(5);
    expect([...body.points].sort((a, b) => a.x - b.x || a.y - b.y)).toEqual([
      { x: 11, y: 21, count: 2 },
      { x: 51, y: 51, count: 2 },
      { x: 99, y: 1, count: 1 },
    ]);
  });

  it("filters by device", async () => {
    expect((await getHeatmap({ url: PAGE, device: "mobile" })).body).toEqual({ url: PAGE, clicks: 1, points: [{ x: 99, y: 1, count: 1 }] });
    expect((await getHeatmap({ url: PAGE, device: "tablet" })).body).toEqual({ url: PAGE, clicks: 0, points: [] });
  });

  it("filters by event time, by the hour, over whole and partial days", async () => {
    const clicksIn = async (from: number, to: number) => (await getHeatmap({ url: PAGE, from, to })).body.clicks;
    expect(await clicksIn(T0, T0 + 4 * DAY_MS)).toBe(5);
    expect(await clicksIn(T0 + 10 * HOUR_MS, T0 + 10 * HOUR_MS)).toBe(3);
    expect(await clicksIn(T0 + 11 * HOUR_MS, T0 + DAY_MS + HOUR_MS)).toBe(1);
    expect(await clicksIn(T0 + 11 * HOUR_MS, T0 + 3 * DAY_MS + 22 * HOUR_MS)).toBe(1);
    expect(await clicksIn(T0 + DAY_MS, T0 + 3 * DAY_MS + 23 * HOUR_MS)).toBe(2);
    expect(await clicksIn(T0 + 4 * DAY_MS, T0 + 9 * DAY_MS)).toBe(0);
  });

  it("compares the url exactly", async () => {
    expect((await getHeatmap({ url: `${PAGE}/` })).body.clicks).toBe(0);
  });

  it("refuses a bad query with 400 and a caller without an admin token with 401", async () => {
    await expectError(await adminFetch("/api/admin/heatmap"), 400, "bad_request");
    await expectError(await adminFetch(`/api/admin/heatmap?url=${PAGE}&device=phone`), 400, "bad_request");
    await expectError(await adminFetch(`/api/admin/heatmap?url=${PAGE}&from=5&to=4`), 400, "bad_request");
    await expectError(await adminFetch(`/api/admin/heatmap?url=${PAGE}&from=yesterday`), 400, "bad_request");
    await expectError(await call(`/api/admin/heatmap?url=${PAGE}`), 401, "missing_token");
  });

  it("lists pages with their click counts, most clicked first, searchable", async () => {
    const all = await adminGet<{ pages: Array<{ url: string; clicks: number; sampleSessionId: string | null }> }>("/api/admin/heatmap/pages");
    // The sample is the session of the page's latest click, whose frame the admin UI draws under the heatmap.
    expect(all.body.pages.map((p) => [p.url, p.clicks, p.sampleSessionId])).toEqual([
      [PAGE, 5, "latest"],
      ["https://shop.example.com/help", 1, "seeded"],
    ]);
    const found = await adminGet<{ pages: Array<{ url: string }> }>("/api/admin/heatmap/pages?q=HELP");
    expect(found.body.pages.map((p) => p.url)).toEqual(["https://shop.example.com/help"]);
  });
});

describe("a page of 100,000 clicks", () => {
  const BIG = "https://shop.example.com/big";
  const expected = new Map<string, number>();
  beforeAll(async () => {
    const random = seededRandom(12);
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      // A cluster round a button plus clicks all over; over 3 days and 2 devices.
      const clustered = i % 3 === 0;
      const x = clustered ? 70 + random() * 5 : random() * 100;
      const y = clustered ? 40 + random() * 3 : random() * 100;
      const cell = (p: number) => Math.min(49, Math.floor(p / HEATMAP_CELL_PERCENT)) * HEATMAP_CELL_PERCENT + 1;
      const key = `${cell(x)},${cell(y)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
      return { url: BIG, x, y, at: T0 + Math.floor(random() * 3 * DAY_MS), device: i % 2 ? desktop : mobile };
    });
    for (let i = 0; i < rows.length; i += 25_000) await seedHeatmapClicks(rows.slice(i, i + 25_000));
  }, 120_000);

  it("answers every cell's count, adding up to 100,000", async () => {
    const { body } = await getHeatmap({ url: BIG, from: T0, to: T0 + 3 * DAY_MS });
    expect(body.clicks).toBe(100_000);
    expect(body.points.length).toBeLessThanOrEqual(2_500);
    expect(new Map(body.points.map((p) => [`${p.x},${p.y}`, p.count]))).toEqual(expected);
    const byDevice = await Promise.all(["desktop", "mobile"].map(async (device) => (await getHeatmap({ url: BIG, device })).body.clicks));
    expect(byDevice).toEqual([50_000, 50_000]);
  });
});
