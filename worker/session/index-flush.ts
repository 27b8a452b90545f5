import { database } from "../db/client";
import { writeSessionIndex, type SessionFields } from "../db/ingest-queries";
import { LIVE_WITHIN_MS } from "../live/session-entry";
import type { KeptChunkTable, KeptRow } from "./kept-chunks";
import type { SessionState, SessionStateTable } from "./session-state";

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

/**
 * When D1's index should next be written: at once when a checkout follows pending rows (a whole
 * replayable segment is ready), when FLUSH_PENDING_ROWS are pending, or when the oldest has waited
 * FLUSH_MAX_WAIT_MS; otherwise the end flush FLUSH_END_AFTER_MS after the last chunk, if D1 is
 * behind at all; null when it is not.
 */
export function nextFlushAt(s: SessionState, pending: KeptRow[]): number | null {
  const behind = s.dirty || s.indexHasDropped || pending.length > 0;
  if (!behind) return null;
  const segmentReady = pending.some((r, i) => i > 0 && r.hasFullSnapshot);
  if (segmentReady || pending.length >= FLUSH_PENDING_ROWS) return 0;
  const oldest = pending.length ? Math.min(...pending.map((r) => r.receivedAt)) + FLUSH_MAX_WAIT_MS : Infinity;
  return Math.min(oldest, (s.lastChunkAt ?? 0) + FLUSH_END_AFTER_MS);
}

/**
 * Writes what D1 lacks (pending rows, dropped rows, the summary) as one batch and marks it
 * written. Returns "erased" when D1 no longer has the session as this user's (an erasure is under
 * way: the object forgets it), "written" or "nothing".
 */
export async function flushIndex(env: Env, state: SessionStateTable, chunks: KeptChunkTable): Promise<"written" | "nothing" | "erased"> {
  const s = state.read();
  if (!s) return "nothing";
  const pending = chunks.pending();
  if (nextFlushAt(s, pending) === null) return "nothing";
  const result = await writeSessionIndex(database(env.DB), {
    sessionId: s.sessionId,
    userId: s.userId,
    rows: pending,
    dropBelowSeq: s.indexHasDropped ? s.keptFromSeq : null,
    fields: sessionFields(s, chunks.totals()),
  });
  if (!result.sessionUpdated) return "erased";
  chunks.markIndexed(pending.map((r) => r.seq));
  state.write({ ...s, dirty: false, indexHasDropped: false, indexStatements: s.indexStatements + result.statements });
  return "written";
}
