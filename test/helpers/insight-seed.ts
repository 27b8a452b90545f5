import { executeSql, type WorkerServer } from "./worker-server.ts";
import { DAY_MS, HOUR_MS } from "../../worker/time-units.ts";

/** One heatmap cell to seed: column and row 0..49 (2-point cells), its clicks. */
export interface SeedCell {
  cellX: number;
  cellY: number;
  count: number;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Writes heatmap cells of `url` at time `at` (desktop) and its page row into the running worker's
 * local D1, as the session's object would once it is wired.
 */
export async function seedHeatmapCells(server: WorkerServer, url: string, sessionId: string, at: number, cells: SeedCell[]): Promise<void> {
  const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const rows = cells.flatMap((c) => [0, 1].map((span) => `(${quote(url)}, ${span}, ${span ? day : hour}, 1, ${c.cellX}, ${c.cellY}, ${c.count})`));
  const clicks = cells.reduce((sum, c) => sum + c.count, 0);
  const sql = [
    `INSERT INTO heatmap_cells (page_url, span, bucket_start, device, cell_x, cell_y, count) VALUES ${rows.join(", ")};`,
    `INSERT INTO heatmap_pages (page_url, clicks, last_click_at, sample_session_id) VALUES (${quote(url)}, ${clicks}, ${at}, ${quote(sessionId)});`,
  ].join(" ");
  await executeSql(server, sql);
}

/** Gives a stored session one rage click on "button 'Pay now'" at `at` (and its count), as detection would. */
export async function seedRageClick(server: WorkerServer, sessionId: string, at: number): Promise<void> {
  await executeSql(
    server,
    `INSERT INTO session_insights (session_id, at, type, x, y, label, clicks) VALUES (${quote(sessionId)}, ${at}, 1, 120, 80, 'button ''Pay now''', 4); ` +
      `UPDATE sessions SET rage_clicks = 1 WHERE id = ${quote(sessionId)};`,
  );
}
