import { LIVE_WITHIN_MS } from "../live/session-entry";
import type { LiveState } from "./live-state";

/** A session object tells the directory about its session at most this often (start, heartbeat, end). */
export const NOTICE_EVERY_MS = 30_000;

/** The next message due to the directory and when: the object's alarm is set for `at`. */
export type Notice = { kind: "start" | "heartbeat" | "end"; at: number };

/**
 * When the directory should next hear of this session. News (a chunk it has not heard of) is a
 * start or a heartbeat, as soon as the 30 s spacing allows; a listed session with no news ends
 * 60 s after its last chunk (never sooner than the spacing allows, which is earlier anyway: news
 * is announced at most 30 s after it came). Nothing is due for an unlisted session without news.
 */
export function nextNotice(s: LiveState): Notice | null {
  const spaced = s.announcedAt === null ? -Infinity : s.announcedAt + NOTICE_EVERY_MS;
  if (s.chunksSeen > s.chunksAnnounced) return { kind: s.listed ? "heartbeat" : "start", at: Math.max(spaced, s.lastChunkAt) };
  if (s.listed) return { kind: "end", at: Math.max(spaced, s.lastChunkAt + LIVE_WITHIN_MS) };
  return null;
}

/**
 * When a session's object should next wake: the earlier of the index flush due (index-flush.ts)
 * and the directory notice due, never before `retryAt` (after a failure); null when neither is.
 */
export function nextAlarmAt(flushAt: number | null, notice: Notice | null, retryAt: number): number | null {
  const dues = [flushAt, notice?.at ?? null].filter((t): t is number => t !== null);
  return dues.length ? Math.max(Math.min(...dues), retryAt) : null;
}
