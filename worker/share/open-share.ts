import type { Config } from "../config";
import type { Database } from "../db/client";
import { readSessionDetail } from "../session/session-reads";
import { openShareByHash } from "../db/share-queries";
import { withSignedUrls } from "../crypto/chunk-urls";
import { ApiError } from "../errors";
import { parseViewport } from "./viewport";
import { hashShareToken, isShareTokenShape } from "./token";
import { shareChunkUrlsExpireAt } from "./ttl";
import { recordAudit } from "../audit/record-audit";

/** What a share link opens (contract §10): the replay's data, nothing about who was recorded. */
export interface SharedSession {
  /** The link's id: the audit log's actor for this open. */
  shareId: string;
  body: {
    session: { id: string; startedAt: number | null; endedAt: number | null; meta: { viewport?: { width: number; height: number } } };
    chunks: Array<{ seq: number; startedAt: number; endedAt: number; url: string }>;
    expiresAt: number;
  };
}

/** The one answer for an unknown, expired or revoked token, so none can be told from another. */
export function shareNotFound(): ApiError {
  return new ApiError(404, "share_not_found", "This share link does not exist, has expired or was revoked");
}

/**
 * Opens a share link at `now`: counts the view and returns the session with chunk URLs signed for
 * at most 60 s (on `origin`), and records the open in the audit log. Throws `share_not_found` for a token that opens nothing.
 */
export async function openShare(env: Env, db: Database, config: Config, token: string, origin: string, now: number): Promise<SharedSession> {
  if (!isShareTokenShape(token)) throw shareNotFound();
  const share = await openShareByHash(db, await hashShareToken(token), now);
  if (!share) throw shareNotFound();
  const { session } = share;
  // The open is recorded (actor: the link) before anything of the session is answered.
  // D1's chunks and those only the session's object has yet (a session recorded right now).
  const [detail] = await Promise.all([
    readSessionDetail(env, db, session.id),
    recordAudit(db, [{ action: "share_opened", actorType: "share_link", actor: share.id, sessionId: session.id, at: now }]),
  ]);
  const listed = (detail?.chunks ?? []).map((ch) => ({ seq: ch.seq, startedAt: ch.startedAt, endedAt: ch.endedAt }));
  const urlsExpireAt = shareChunkUrlsExpireAt(now, config.signedUrlTtlSeconds, share.expiresAt);
  const viewport = parseViewport(session.meta);
  return {
    shareId: share.id,
    body: {
      session: {
        id: session.id,
        startedAt: detail?.summary.startedAt ?? session.startedAt,
        endedAt: detail?.summary.endedAt ?? session.endedAt,
        meta: viewport ? { viewport } : {},
      },
      chunks: await withSignedUrls(config.signingSecret, origin, session.id, listed, urlsExpireAt),
      expiresAt: share.expiresAt,
    },
  };
}
