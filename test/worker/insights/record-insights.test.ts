import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { startInsights } from "../../../worker/insights/detect-insights";
import { recordChunkInsights, recordSessionEnd } from "../../../worker/insights/record-insights";
import { adminGet } from "../../helpers/worker/admin";
import { getHeatmap } from "../../helpers/worker/heatmap";
import { click, meta, move, mutation, NODE, snapshot, T } from "../../helpers/insight-events";
import { seedSession } from "../../helpers/worker/seed";

type Detail = { rageClicks: number; deadClicks: number; insights: Array<{ type: string; at: number; x: number; y: number; label: string | null }> };

describe("recordChunkInsights", () => {
  it("stores a session's rage and dead clicks and its heatmap clicks, chunk by chunk, and the rest at its end", async () => {
    const sessionId = await seedSession("insights-recorder", T, 1);
    const db = database(env.DB);
    const page = "https://shop.example.com/record";
    let state = await recordChunkInsights(db, {
      sessionId,
      device: "mobile",
      events: [
        meta(T, page, 400, 800),
        snapshot(T),
        click(T + 1000, NODE.text, 100, 200),
        click(T + 1100, NODE.text, 100, 200),
        click(T + 1200, NODE.text, 100, 200),
        move(T + 5000),
      ],
      state: startInsights(),
    });
    // A dead click answered in the next chunk is not dead; one on the link at the very end is decided by the end.
    state = await recordChunkInsights(db, { sessionId, device: "mobile", events: [click(T + 6000, NODE.pay, 200, 400)], state });
    state = await recordChunkInsights(db, { sessionId, device: "mobile", events: [mutation(T + 6500), click(T + 9000, NODE.help, 300, 600)], state });
    await recordSessionEnd(db, sessionId, state);

    const { body } = await adminGet<Detail>(`/api/admin/sessions/${sessionId}`);
    expect(body.insights.map((i) => [i.type, i.at - T, i.x, i.y, i.label])).toEqual([
      ["rage_click", 1000, 100, 200, null],
      ["dead_click", 9000, 300, 600, "a 'Help'"],
    ]);
    expect([body.rageClicks, body.deadClicks]).toEqual([1, 1]);

    const heat = await getHeatmap({ url: page, device: "mobile" });
    expect(heat.body.clicks).toBe(5);
    expect(heat.body.points.find((p) => p.x === 25 && p.y === 25)?.count).toBe(3);
    expect((await getHeatmap({ url: page, device: "desktop" })).body.clicks).toBe(0);
  });
});
