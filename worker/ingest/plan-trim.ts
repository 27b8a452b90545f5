/**
 * Most bytes (as stored: compressed, encrypted) one session keeps. Past it, its oldest chunks are
 * dropped, down to a full snapshot, rather than refusing its newest: a replay is for the last
 * minutes, and the recorder needs no new error to handle. 16 of the largest possible chunks.
 */
export const SESSION_MAX_STORED_BYTES = 134_217_728; // 128 MiB
/** Most chunks one session keeps: 33 minutes at one chunk a second (the rate while watched live). */
export const SESSION_MAX_STORED_CHUNKS = 2_000;
/**
 * How much longer than the window a chunk is kept by the time it was received (contract §4: nothing
 * received more than REPLAY_WINDOW_MINUTES + 5 minutes ago), whatever its events' times say.
 */
export const RECEIVE_GRACE_MS = 300_000; // 5 min

/** What trimming needs to know of one kept chunk. */
export interface KeptChunk {
  seq: number;
  startedAt: number;
  endedAt: number;
  /** Server time the chunk was received. */
  receivedAt: number;
  bytes: number;
  hasFullSnapshot: boolean;
}

/** Why a trim drops chunks, for the logs: a rule below, or "snapshot" for chunks before the next full snapshot. */
export type TrimReason = "window" | "received" | "size" | "snapshot";

/** The trim to make: keep chunks from `keepFromSeq` on. */
export interface TrimPlan {
  keepFromSeq: number;
  reasons: TrimReason[];
}

/**
 * Decides where a session's kept data starts (pure; trim-window.ts applies it), by three rules:
 * 1. the page's clock: from the newest full snapshot at or before (latest event − window), so what
 *    is kept spans the window plus at most one checkout interval;
 * 2. the server's clock: nothing received more than window + RECEIVE_GRACE_MS before `now`, even
 *    when no later full snapshot exists (a client that never sends another one kept a whole hour);
 * 3. the caps: at most SESSION_MAX_STORED_CHUNKS and SESSION_MAX_STORED_BYTES, oldest dropped first.
 * Rules 2 and 3 can cut between snapshots, so then, and whenever the session was trimmed before,
 * the kept data must begin with a full snapshot: chunks are dropped up to the next one, possibly
 * all of them (the session then keeps nothing until its next checkout arrives).
 * `chunks` are the session's kept chunks; returns null when nothing is to go.
 */
export function planTrim(chunks: readonly KeptChunk[], keptFromSeq: number, limits: { windowMs: number; now: number }): TrimPlan | null {
  const kept = [...chunks].filter((c) => c.seq >= keptFromSeq).sort((a, b) => a.seq - b.seq);
  if (kept.length === 0) return null;
  const reasons: TrimReason[] = [];
  let cut = keptFromSeq;
  const advance = (seq: number, reason: TrimReason) => {
    if (seq <= cut) return;
    cut = seq;
    if (!reasons.includes(reason)) reasons.push(reason);
  };

  const latestEnd = Math.max(...kept.map((c) => c.endedAt));
  const anchors = kept.filter((c) => c.hasFullSnapshot && c.startedAt <= latestEnd - limits.windowMs);
  if (anchors.length) advance(anchors[anchors.length - 1].seq, "window");

  const stale = kept.filter((c) => c.receivedAt < limits.now - limits.windowMs - RECEIVE_GRACE_MS);
  if (stale.length) advance(Math.max(...stale.map((c) => c.seq)) + 1, "received");

  let bytes = 0;
  for (let i = kept.length - 1; i >= 0 && kept[i].seq >= cut; i--) {
    bytes += kept[i].bytes;
    if (bytes > SESSION_MAX_STORED_BYTES || kept.length - i > SESSION_MAX_STORED_CHUNKS) {
      advance(kept[i].seq + 1, "size");
      break;
    }
  }

  if (cut > 0) {
    const rest = kept.filter((c) => c.seq >= cut);
    if (rest.length && !rest[0].hasFullSnapshot) {
      const checkout = rest.find((c) => c.hasFullSnapshot);
      // Without one, everything goes; chunks before the next checkout will go the same way.
      advance(checkout ? checkout.seq : rest[rest.length - 1].seq + 1, "snapshot");
    }
  }
  return cut > keptFromSeq ? { keepFromSeq: cut, reasons } : null;
}
