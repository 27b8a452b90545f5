import { database } from "../db/client";
import { log } from "../log";
import { writeSessionIndex, type SessionFields } from "../db/ingest-queries";
import { LIVE_WITHIN_MS } from "../live/session-entry";
import type { KeptChunkTable, KeptRow } from "./kept-chunks";
import type { SessionState, SessionStateTable } from "./session-state";
import { finishSessionInsights } from "./chunk-insights";
import type { InsightTable } from "./insight-table";
import type { IndexRow } from "../db/ingest-queries";
import { sealBuffered } from "./seal-segments";

/** A sealed kept row as D1 indexes it. */
function indexRowOf(r: KeptRow): IndexRow {
  if (r.storageKey === null) throw new Error(`chunk ${r.seq} is not in R2 yet`);
  const { indexed: _indexed, ...row } = r;
  return { ...row, storageKey: r.storageKey };
}

/** Pending index rows that make a flush due at once: a batch this size keeps D1 under 0.1 statements per chunk. */
export const FLUSH_PENDING_ROWS = 50;
/**
 * Longest a chunk waits for its index row, so the cron's orphan reaper (an object without a row
 * for an hour) never takes a kept chunk, and D1's totals lag a slow session by at most this.
 */
export const FLUSH_MAX_WAIT_MS = 600_000; // 10 min
/** The end flush: when chunks stop, D1 gets the final summary this long after the last (when it turns "ended"). */
export const FLUSH_END_AFTER_MS = LIVE_WITHIN_MS;

/** The session row's fields from the state and the kept chunks' totals. */
export function sessionFields(s: SessionState, totals: ReturnType<KeptChunkTable["totals"]>): SessionFields {
  return {
    startedAt: s.startedAt,
    endedAt: totals.endedAt ?? s.endedAt,
    bytes: totals.bytes,
    eventCount: totals.eventCount,
    chunkCount: totals.chunkCount,
    meta: s.meta,
    lastUrl: s.lastUrl,
    lastChunkAt: s.lastChunkAt,
    keptFromSeq: s.keptFromSeq,
    device: s.device,
  };
}

/** What insight detection has waiting for D1 (insight-table.ts). */
export interface InsightsWaiting {
  /** Decided insights: due at once (contract §12: within 5 s of the upload that decides them). */
  decided: boolean;
  /** When the oldest buffered heatmap click's chunk arrived, or null. */
  oldestClickAt: number | null;
}

const NOTHING_WAITING: InsightsWaiting = { decided: false, oldestClickAt: null };

/**
 * When D1's index should next be written: at once when insights were decided or
 * FLUSH_PENDING_ROWS are pending, when the oldest pending row or heatmap click has waited
 * FLUSH_MAX_WAIT_MS; otherwise the end flush FLUSH_END_AFTER_MS after the last chunk, if D1 is
 * behind at all; null when it is not. A checkout no longer makes a flush due: the admin detail,
 * share links and the list read a live session's newest chunks through its object, and every
 * statement saved is room for the insights' writes in the 0.1-per-chunk budget.
 */
export function nextFlushAt(s: SessionState, pending: KeptRow[], waiting: InsightsWaiting = NOTHING_WAITING): number | null {
  const behind = s.dirty || s.indexHasDropped || pending.length > 0 || waiting.decided || waiting.oldestClickAt !== null;
  if (!behind) return null;
  if (waiting.decided || pending.length >= FLUSH_PENDING_ROWS) return 0;
  const oldestRow = pending.length ? Math.min(...pending.map((r) => r.receivedAt)) : Infinity;
  const oldest = Math.min(oldestRow, waiting.oldestClickAt ?? Infinity) + FLUSH_MAX_WAIT_MS;
  return Math.min(oldest, (s.lastChunkAt ?? 0) + FLUSH_END_AFTER_MS);
}

/** Whether a flush at `now` is the session's end flush (no chunk for FLUSH_END_AFTER_MS). */
export function isEndFlush(s: SessionState, now: number): boolean {
  return now >= (s.lastChunkAt ?? 0) + FLUSH_END_AFTER_MS;
}

/**
 * Writes the object's buffered blobs into R2 segments, then what D1 lacks as one batch, and marks
 * it written: pending rows, dropped rows, the summary,
 * decided insights with the session's counts, and, at the end flush or once the oldest has waited
 * FLUSH_MAX_WAIT_MS, the buffered heatmap clicks (as cells: a flush made due by an insight does
 * not pay for them). `end` first decides what detection had pending (finishSessionInsights).
 * Returns "erased" when D1 no longer has the session as this user's (an erasure is under way: the
 * object forgets it), "written" or "nothing".
 */
export async function flushIndex(
  env: Env,
  tables: { state: SessionStateTable; chunks: KeptChunkTable; insights: InsightTable },
  now: number,
  end: boolean,
): Promise<"written" | "nothing" | "erased"> {
  const { state, chunks, insights } = tables;
  const s = state.read();
  if (!s) return "nothing";
  if (end) finishSessionInsights(insights, now);
  // D1 only ever points at R2: the buffered blobs go into their segments first.
  await sealBuffered(env.CHUNKS, s.sessionId, chunks);
  const kept = chunks.pending();
  const pending = kept.map(indexRowOf);
  const oldestClickAt = insights.oldestClickAt();
  if (nextFlushAt(s, kept, { decided: insights.hasDecided(), oldestClickAt }) === null) return "nothing";
  const withClicks = end || (oldestClickAt !== null && now >= oldestClickAt + FLUSH_MAX_WAIT_MS);
  const decided = insights.decided();
  const totals = chunks.totals();
  const result = await writeSessionIndex(database(env.DB), {
    sessionId: s.sessionId,
    userId: s.userId,
    rows: pending,
    dropBelowSeq: s.indexHasDropped ? s.keptFromSeq : null,
    fields: sessionFields(s, totals),
    insights: decided,
    clicks: withClicks ? insights.clicks().map((c) => ({ ...c, sessionId: s.sessionId, device: s.device })) : [],
  });
  if (!result.sessionUpdated) return "erased";
  chunks.markIndexed(pending.map((r) => r.seq));
  insights.markWritten({ insights: decided.length > 0, clicks: withClicks });
  const indexStatements = s.indexStatements + result.statements;
  state.write({ ...s, dirty: false, indexHasDropped: false, indexStatements });
  // The D1 budget (issue 10: at most 0.1 write statements per chunk), as operators and the ingest bench read it.
  if (end) log.info("session ended", { sessionId: s.sessionId, chunks: totals.chunkCount, d1WriteStatements: indexStatements });
  return "written";
}
