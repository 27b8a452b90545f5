import type { SessionDetail, SessionSummary } from "../../api/schemas";

// Facts about a session that the list and the detail page both show, computed in one place.

/** How long the kept part of the session lasts, ms; null while either end is unknown. */
export function sessionDuration(s: Pick<SessionSummary, "startedAt" | "endedAt">): number | null {
  return s.startedAt !== null && s.endedAt !== null ? s.endedAt - s.startedAt : null;
}

/** The page the session was last seen on, else the one it started on. */
export function sessionPage(s: Pick<SessionSummary, "lastUrl" | "meta">): string | undefined {
  return s.lastUrl ?? s.meta.url;
}

/** What the live socket brought of a followed session, by seq: its chunk's last event time and event count. */
export type LiveChunks = ReadonlyMap<number, { endedAt: number; events: number }>;

/** A chunk's facts as the live socket shows them (its events, not its stored size). */
export function liveChunkOf(events: ReadonlyArray<{ timestamp: number }>): { endedAt: number; events: number } {
  let endedAt = 0;
  for (const e of events) endedAt = Math.max(endedAt, e.timestamp);
  return { endedAt, events: events.length };
}

/**
 * The detail's facts with the chunks the live socket pushed since it was read: the session is
 * live, ends later, and they count as chunks and events. Their stored size is not in a frame, so
 * `bytes` stays the detail's, and `pending` says how many chunks it leaves out (the detail is read
 * again when the session ends).
 */
export function withLiveChunks<S extends SessionDetail>(s: S, pushed: LiveChunks): { session: S; pending: number } {
  const listed = new Set(s.chunks.map((c) => c.seq));
  let { endedAt, chunkCount, eventCount } = s;
  let pending = 0;
  for (const [seq, chunk] of pushed) {
    if (listed.has(seq)) continue;
    pending++;
    chunkCount++;
    if (eventCount !== undefined) eventCount += chunk.events;
    if (chunk.events > 0) endedAt = Math.max(endedAt ?? chunk.endedAt, chunk.endedAt);
  }
  return { session: pending ? { ...s, status: "live", endedAt, chunkCount, eventCount } : s, pending };
}
