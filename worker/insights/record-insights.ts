import type { Database } from "../db/client";
import { addHeatmapClicks } from "../db/heatmap-queries";
import { addSessionInsights } from "../db/insight-queries";
import { detectInsights, finishInsights, type InsightState } from "./detect-insights";
import { convertDeviceTypeToNumber } from "../../protocol/enums";
import type { InsightEvent } from "./insight-events";

/** What the session's object passes for one stored chunk. */
export interface ChunkInsightsInput {
  sessionId: string;
  /** The session's device type name (contract §5). */
  device: string;
  events: readonly InsightEvent[];
  /** What the previous chunk left (startInsights() before the first). */
  state: InsightState;
}

/**
 * Runs detection over a stored chunk and writes its results; returns the state to keep for the
 * next chunk. Meant for the session's object, the single writer that sees each chunk once and in
 * seq order (the heatmap's counts are not idempotent).
 */
export async function recordChunkInsights(db: Database, input: ChunkInsightsInput): Promise<InsightState> {
  const { insights, clicks, state } = detectInsights(input.events, input.state);
  const device = convertDeviceTypeToNumber(input.device);
  await Promise.all([
    addSessionInsights(db, input.sessionId, insights),
    addHeatmapClicks(
      db,
      clicks.map((c) => ({ ...c, sessionId: input.sessionId, device })),
    ),
  ]);
  return state;
}

/** The session ended (no chunk for a while): decides what was still pending and writes it. */
export async function recordSessionEnd(db: Database, sessionId: string, state: InsightState): Promise<void> {
  await addSessionInsights(db, sessionId, finishInsights(state));
}
