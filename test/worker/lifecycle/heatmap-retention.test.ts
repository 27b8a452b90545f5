import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { convertDeviceTypeToNumber } from "../../../protocol/enums";
import { readConfig } from "../../../worker/config";
import { heatmapCutoff } from "../../../worker/lifecycle/heatmap-retention";
import { runScheduledWork } from "../../../worker/lifecycle/scheduled";
import { runCron } from "../../helpers/worker/cron";
import { d1FailingOn } from "../../helpers/worker/d1";
import { getHeatmap, seedHeatmapClicks } from "../../helpers/worker/heatmap";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../helpers/worker/time";

const desktop = convertDeviceTypeToNumber("desktop");
const { retentionDays } = readConfig(env);

/** Heatmap rows of a page: cells by span (0 hour, 1 day) and its page row's click total, if any. */
async function rowsOf(url: string) {
  const cells = await env.DB.prepare("SELECT span, bucket_start AS bucketStart FROM heatmap_cells WHERE page_url = ? ORDER BY span, bucket_start")
    .bind(url)
    .all<{ span: number; bucketStart: number }>();
  const page = await env.DB.prepare("SELECT clicks FROM heatmap_pages WHERE page_url = ?").bind(url).first<number>("clicks");
  return { cells: cells.results, page };
}

// Each test runs the cron on its own day: the step skips a cut-off it has already pruned at.
const dayOf = (n: number) => Math.floor(Date.now() / DAY_MS) * DAY_MS + n * DAY_MS + 13 * HOUR_MS;

/** A cron time `day` days ahead, its cut-off, and `url` given one click an hour before that cut-off. */
async function clickBeforeCutoff(day: number, url: string) {
  const now = dayOf(day);
  const cutoff = heatmapCutoff(retentionDays, now);
  await seedHeatmapClicks([{ url, x: 20, y: 20, at: cutoff - HOUR_MS, device: desktop }]);
  return { now, cutoff };
}

describe("heatmap retention (cron)", () => {
  beforeEach(async () => {
    await env.DB.batch([env.DB.prepare("DELETE FROM heatmap_cells"), env.DB.prepare("DELETE FROM heatmap_pages")]);
  });

  it("cuts whole UTC days older than REPLAY_RETENTION_DAYS: hour and day rows, and pages left with no click", async () => {
    const now = dayOf(1);
    const cutoff = heatmapCutoff(retentionDays, now);
    expect(cutoff % DAY_MS).toBe(0);
    expect(cutoff).toBeGreaterThan(now - retentionDays * DAY_MS);
    expect(cutoff - DAY_MS).toBeLessThanOrEqual(now - retentionDays * DAY_MS);
    const mixed = "https://shop.example.com/retention-mixed";
    const gone = "https://shop.example.com/retention-gone";
    await seedHeatmapClicks([
      { url: mixed, x: 10, y: 10, at: cutoff - 3 * DAY_MS, device: desktop },
      { url: mixed, x: 10, y: 10, at: cutoff - MINUTE_MS, device: desktop },
      { url: mixed, x: 50, y: 50, at: cutoff, device: desktop },
      { url: mixed, x: 50, y: 50, at: cutoff + 2 * HOUR_MS, device: desktop },
      { url: gone, x: 1, y: 1, at: cutoff - 2 * DAY_MS, device: desktop },
    ]);

    const report = await runScheduledWork(env, now);

    expect(report.failedSteps).toEqual([]);
    // Two old hours and two old days of `mixed`, one hour and one day of `gone`.
    expect(report.heatmapCellsPruned).toBe(6);
    expect(await rowsOf(mixed)).toEqual({
      cells: [
        { span: 0, bucketStart: cutoff },
        { span: 0, bucketStart: cutoff + 2 * HOUR_MS },
        { span: 1, bucketStart: cutoff },
      ],
      // The page's total (the picker's count) is recounted: the two pruned clicks no longer count.
      page: 2,
    });
    expect(await rowsOf(gone)).toEqual({ cells: [], page: null });
    // The cut day and the day before it read consistently: nothing before, everything after.
    expect((await getHeatmap({ url: mixed, from: cutoff - 4 * DAY_MS, to: now })).body).toMatchObject({ clicks: 2, points: [{ x: 51, y: 51, count: 2 }] });
    expect((await getHeatmap({ url: mixed, from: cutoff - DAY_MS, to: cutoff - 1 })).body.clicks).toBe(0);
  });

  it("prunes once per cut-off: later runs the same day report 0 and delete nothing", async () => {
    const url = "https://shop.example.com/retention-once";
    const { now, cutoff } = await clickBeforeCutoff(3, url);
    expect((await runScheduledWork(env, now)).heatmapCellsPruned).toBe(2);

    // A click that arrives late with an old event time waits for the next day's cut.
    await seedHeatmapClicks([{ url, x: 20, y: 20, at: cutoff - HOUR_MS, device: desktop }]);
    expect((await runScheduledWork(env, now + HOUR_MS)).heatmapCellsPruned).toBe(0);
    expect((await rowsOf(url)).cells).toHaveLength(2);
    expect((await runScheduledWork(env, now + DAY_MS)).heatmapCellsPruned).toBe(2);
    expect(await rowsOf(url)).toEqual({ cells: [], page: null });
  });

  it("a failing heatmap step is logged and reported, the other steps still run, and the next run prunes", async () => {
    const url = "https://shop.example.com/retention-fails";
    const { now } = await clickBeforeCutoff(6, url);
    const oldMinute = Math.floor((now - 8 * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    await env.DB.prepare("INSERT INTO metrics (minute, name, label, value) VALUES (?, 'uploads', '', 1)").bind(oldMinute).run();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    await runCron(now, { DB: d1FailingOn(/"heatmap_cells"/) });

    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(logged.filter((l) => l.msg === "scheduled step failed")).toEqual([expect.objectContaining({ level: "error", step: "heatmapCellsPruned" })]);
    expect((await rowsOf(url)).cells).toHaveLength(2);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM metrics WHERE minute = ?").bind(oldMinute).first("n")).toBe(0);

    const next = await runScheduledWork(env, now + MINUTE_MS);
    expect(next).toMatchObject({ failedSteps: [], heatmapCellsPruned: 2 });
    expect(await rowsOf(url)).toEqual({ cells: [], page: null });
  });
});
