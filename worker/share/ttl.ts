import { DAY_MS } from "../time-units";

/** Lifetimes of a share link (contract §10): a day when the admin names none, from a minute to a week. */
export const SHARE_TTL_SECONDS = { default: 86_400, min: 60, max: 604_800 } as const;
/** Longest a signed chunk URL handed out through a share link lives, whatever REPLAY_SIGNED_URL_TTL_SECONDS says. */
export const SHARE_CHUNK_URL_MAX_TTL_SECONDS = 60;

/**
 * When a link made at `now` for `ttlSeconds` expires: never after the session's retention end,
 * `retentionDays` after its last chunk was received (the clock worker/lifecycle/retention.ts
 * erases by), so a share never outlives its session.
 */
export function shareExpiresAt(now: number, ttlSeconds: number, lastChunkAt: number | null, retentionDays: number): number {
  const retentionEnd = (lastChunkAt ?? now) + retentionDays * DAY_MS;
  return Math.min(now + ttlSeconds * 1000, retentionEnd);
}

/** When the signed chunk URLs of a share opened at `now` expire: short-lived, and not after the share itself. */
export function shareChunkUrlsExpireAt(now: number, signedUrlTtlSeconds: number, shareExpiresAt: number): number {
  return Math.min(now + Math.min(signedUrlTtlSeconds, SHARE_CHUNK_URL_MAX_TTL_SECONDS) * 1000, shareExpiresAt);
}
