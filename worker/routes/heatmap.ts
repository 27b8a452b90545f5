import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { validate } from "../http/validate";
import { withTimeRange } from "../http/time-range";
import { database } from "../db/client";
import { listHeatmapPages, readHeatmap } from "../db/heatmap-queries";
import { convertDeviceTypeToNumber, DEVICE_TYPES } from "../../protocol/enums";
import { absentIfEmpty } from "../http/list-query";

/** Longest page URL a query may name (the index keeps 2,048 characters). */
const URL_MAX_CHARS = 2_048;

/** Heatmaps (contract §12, §8); mounted under the admin sub-app, so every route needs an admin. */
export const heatmapRoutes = new Hono<AppEnv>();

heatmapRoutes.get(
  "/",
  validate(
    "query",
    withTimeRange({
      url: z.string().min(1).max(URL_MAX_CHARS),
      device: absentIfEmpty(z.enum(DEVICE_TYPES)),
    }),
  ),
  async (c) => {
    const q = c.req.valid("query");
    const heatmap = await readHeatmap(database(c.env.DB), {
      url: q.url,
      from: q.from ?? 0,
      to: q.to ?? Number.MAX_SAFE_INTEGER,
      device: q.device !== undefined ? convertDeviceTypeToNumber(q.device) : undefined,
    });
    return c.json(heatmap, 200, { "Cache-Control": "no-store" });
  },
);

heatmapRoutes.get("/pages", validate("query", z.object({ q: absentIfEmpty(z.string().max(URL_MAX_CHARS)) })), async (c) => {
  const pages = await listHeatmapPages(database(c.env.DB), c.req.valid("query").q);
  return c.json({ pages }, 200, { "Cache-Control": "no-store" });
});
