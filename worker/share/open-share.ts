import type { Config } from "../config";
import type { Database } from "../db/client";
import { readSessionDetail } from "../session/session-reads";
import { countShareOpen, findOpenShare } from "../db/share-queries";
import { withSignedUrls } from "../crypto/chunk-urls";
import { signShareView, verifyShareView } from "../crypto/share-view";
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
    /** This open's view value: sent back on refreshes, so they are not counted as opens again. */
    view: string;
  };
}

/** A request to open a share link. */
export interface ShareOpenRequest {
  token: string;
  /** The view value an earlier answer carried (the page's refresh of its chunk URLs), if any. */
  view: string | undefined;
  /** The origin chunk URLs are signed on. */
  origin: string;
}

/** The one answer for an unknown, expired or revoked token, so none can be told from another. */
export function shareNotFound(): ApiError {
  return new ApiError(404, "share_not_found", "This share link does not exist, has expired or was revoked");
}

/**
 * Opens a share link at `now`: returns the session with chunk URLs signed for at most 60 s. A
 * request without a valid view value for this link is a new open: it is counted and recorded in
 * the audit log, and its answer carries a new view value; a refresh that sends one back is served
 * uncounted (with the same value, which expires an hour after the open). Throws
 * `share_not_found` for a token that opens nothing.
 */
export async function openShare(env: Env, db: Database, config: Config, request: ShareOpenRequest, now: number): Promise<SharedSession> {
  if (!isShareTokenShape(request.token)) throw shareNotFound();
  const share = await findOpenShare(db, await hashShareToken(request.token), now);
  if (!share) throw shareNotFound();
  const { session } = share;
  const keptView = await verifyShareView(config.signingSecret, share.id, request.view, now);
  const isNewOpen = keptView === undefined;
  // A new open is counted before anything of the session is answered; a link revoked since it was found opens nothing.
  if (isNewOpen && !(await countShareOpen(db, share.id, now))) throw shareNotFound();
  // D1's chunks and those only the session's object has yet (a session recorded right now).
  const [detail, view] = await Promise.all([
    readSessionDetail(env, db, session.id),
    keptView ?? signShareView(config.signingSecret, share.id, now),
    isNewOpen && recordAudit(db, [{ action: "share_opened", actorType: "share_link", actor: share.id, sessionId: session.id, at: now }]),
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
      chunks: await withSignedUrls(config.signingSecret, request.origin, session.id, listed, urlsExpireAt),
      expiresAt: share.expiresAt,
      view,
    },
  };
}
