import { detectInsightsInto, finishInsights, type InsightState } from "../insights/detect-insights";
import type { InsightDigest } from "../insights/insight-digest";
import type { InsightTable } from "./insight-table";

/**
 * Most digests held ahead of a missing seq: past this the gap is given up (the chunk is never
 * coming, or comes too late to be read in order) and the held ones are read in seq order. 24
 * chunks are two minutes at the recorder's cadence, far longer than its retries take.
 */
export const MAX_HELD_DIGESTS = 24;

/** Reads one digest into `state` (the table's own, written back by the caller). */
function run(table: InsightTable, state: InsightState, digest: InsightDigest, receivedAt: number): InsightState {
  const result = detectInsightsInto(digest, state);
  table.add(result.insights, result.clicks, receivedAt);
  return state;
}

/** Reads the held digests that are next in order (all of them with `force`, gaps skipped). */
function drain(table: InsightTable, from: { state: InsightState; nextSeq: number }, receivedAt: number, force: boolean) {
  let { state, nextSeq } = from;
  const held = table.held();
  for (const [i, h] of held.entries()) {
    if (h.seq > nextSeq && !force && held.length - i <= MAX_HELD_DIGESTS) break;
    state = run(table, state, h.digest, receivedAt);
    nextSeq = h.seq + 1;
    table.release(h.seq);
  }
  return { state, nextSeq };
}

/**
 * Feeds a stored chunk's digest to detection, in seq order: the chunk next in order is read at
 * once (then any held ones it unblocks), one ahead of a missing seq is held until the gap fills,
 * the session ends, or too many wait. Seqs below the window's start never come (they are refused),
 * so reading goes on from there. What is decided waits in the table for the next flush.
 */
export function feedInsights(table: InsightTable, c: { seq: number; insightDigest: InsightDigest; receivedAt: number }, keptFromSeq: number): void {
  guarded(table, () => feedInOrder(table, c, keptFromSeq));
}

/** Detection reads into the table's state in memory: after a failure only SQLite's copy is whole. */
function guarded(table: InsightTable, work: () => void): void {
  try {
    work();
  } catch (err) {
    table.dropMemory();
    throw err;
  }
}

function feedInOrder(table: InsightTable, c: { seq: number; insightDigest: InsightDigest; receivedAt: number }, keptFromSeq: number): void {
  const current = table.read();
  const nextSeq = Math.max(current.nextSeq, keptFromSeq);
  if (c.seq < nextSeq) return; // read already (an adopted session's chunk, or one below a given-up gap)
  let next = { state: current.state, nextSeq };
  if (c.seq === nextSeq) next = { state: run(table, current.state, c.insightDigest, c.receivedAt), nextSeq: c.seq + 1 };
  else table.hold(c.seq, c.insightDigest);
  next = drain(table, next, c.receivedAt, false);
  table.write(next.state, next.nextSeq);
}

/**
 * The session ended (no chunk for FLUSH_END_AFTER_MS): held digests are read in order, gaps and
 * all, then what was pending is decided (an open burst of 3+ is a rage click, a click still
 * waiting is dead). The node map stays, so a session that goes on later is read as before.
 */
export function finishSessionInsights(table: InsightTable, now: number): void {
  guarded(table, () => {
    const { state, nextSeq } = drain(table, table.read(), now, true);
    table.add(finishInsights(state), [], now);
    table.write({ ...state, burst: [], waiting: [] }, nextSeq);
  });
}
