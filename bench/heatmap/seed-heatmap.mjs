// Fills a running `wrangler dev`'s local D1 with heatmap clicks through the product's own write
// path: `addHeatmapClicks` (worker/db/heatmap-queries.ts, the function the session's object calls
// per stored chunk) on a real D1 binding of the same state folder (wrangler's getPlatformProxy).
// Uploads do not count heatmap clicks yet on this branch (docs/insights.md); once they do, seeding
// through the upload API would add only the detection in front of this same call.
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { importTypeScript } from "../helpers.mjs";

const ROOT = new URL("../..", import.meta.url).pathname;
/** Clicks per call: what one ~5 s chunk of a busy session holds at most, give or take. */
export const CLICKS_PER_CHUNK = 500;

/** The product's heatmap writer, its D1 client and device codec, and the tests' seeded random source. */
export function loadHeatmapCode() {
  return importTypeScript(
    "heatmap-code",
    `export { addHeatmapClicks } from "../worker/db/heatmap-queries.ts";
export { database } from "../worker/db/client.ts";
export { convertDeviceTypeToNumber } from "../protocol/enums.ts";
export { seededRandom } from "../test/helpers/seeded-random.ts";`,
  );
}

/** Writes `clicks` into the D1 of the wrangler dev whose --persist-to is `persistDir`, a chunk's worth per call. */
export async function seedHeatmap(code, persistDir, clicks) {
  // Its bindings table and the warning that the Durable Objects are not served here (only D1 is used) are noise in the report.
  process.env.WRANGLER_LOG ??= "error";
  const proxy = await getPlatformProxy({
    configPath: join(ROOT, "wrangler.toml"),
    persist: { path: join(persistDir, "v3") },
    envFiles: [],
    remoteBindings: false,
  });
  try {
    const db = code.database(proxy.env.DB);
    for (let i = 0; i < clicks.length; i += CLICKS_PER_CHUNK) await code.addHeatmapClicks(db, clicks.slice(i, i + CLICKS_PER_CHUNK));
  } finally {
    await proxy.dispose();
  }
}
