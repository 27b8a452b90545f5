import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { addHeatmapClicks, type HeatmapClickRow } from "../../../worker/db/heatmap-queries";
import { adminGet } from "./admin";

/** GET /api/admin/heatmap's answer (contract §12). */
export interface HeatmapBody {
  url: string;
  clicks: number;
  points: Array<{ x: number; y: number; count: number }>;
}

/** Counts clicks into the test D1 through the one write path the session's object uses (session "seeded" unless named). */
export function seedHeatmapClicks(rows: Array<Omit<HeatmapClickRow, "sessionId"> & { sessionId?: string }>): Promise<void> {
  return addHeatmapClicks(
    database(env.DB),
    rows.map((r) => ({ sessionId: "seeded", ...r })),
  );
}

/** Asks the heatmap API as an admin. */
export function getHeatmap(query: Record<string, string | number>) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return adminGet<HeatmapBody>(`/api/admin/heatmap?${params}`);
}
