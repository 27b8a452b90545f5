import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { sessions, shareLinks } from "./schema";

/** A share link as the admin API lists it (contract §10): never its token or hash. */
export interface ShareSummary {
  id: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  views: number;
}

/** A new link's row; the caller hashed the token. */
export type NewShare = Omit<ShareSummary, "revokedAt" | "views"> & { sessionId: string; tokenHash: string };

const summaryColumns = {
  id: shareLinks.id,
  createdBy: shareLinks.createdBy,
  createdAt: shareLinks.createdAt,
  expiresAt: shareLinks.expiresAt,
  revokedAt: shareLinks.revokedAt,
  views: shareLinks.views,
};

/** Stores a new share link. */
export async function insertShare(db: Database, share: NewShare): Promise<void> {
  await db.insert(shareLinks).values(share);
}

/** A session's share links, newest first, revoked and expired ones included. */
export function listShares(db: Database, sessionId: string): Promise<ShareSummary[]> {
  return db.select(summaryColumns).from(shareLinks).where(eq(shareLinks.sessionId, sessionId)).orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
}

/**
 * Revokes a link at `now`; a link revoked before keeps its first time. Returns the link's session
 * and when it was revoked (`now` when this call did it), or undefined when there is no such link.
 */
export async function revokeShare(db: Database, id: string, now: number): Promise<{ sessionId: string; revokedAt: number | null } | undefined> {
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: sql`coalesce(${shareLinks.revokedAt}, ${now})` })
    .where(eq(shareLinks.id, id))
    .returning({ sessionId: shareLinks.sessionId, revokedAt: shareLinks.revokedAt });
  return row;
}

/** An open share: the link and the session it opens. */
export interface OpenShare {
  id: string;
  expiresAt: number;
  session: { id: string; startedAt: number | null; endedAt: number | null; meta: string };
}

/**
 * Counts one view of the link whose token hashes to `tokenHash` if it is open at `now` (not
 * revoked, not expired, its session neither erased nor being erased) and returns it; undefined
 * otherwise, without saying which. One statement, so a link revoked meanwhile is never counted.
 */
export async function openShareByHash(db: Database, tokenHash: string, now: number): Promise<OpenShare | undefined> {
  const [share] = await db
    .update(shareLinks)
    .set({ views: sql`${shareLinks.views} + 1` })
    .where(
      and(
        eq(shareLinks.tokenHash, tokenHash),
        isNull(shareLinks.revokedAt),
        gt(shareLinks.expiresAt, now),
        sql`exists (select 1 from ${sessions} where ${sessions.id} = ${shareLinks.sessionId} and ${sessions.erasedAt} is null)`,
      ),
    )
    .returning({ id: shareLinks.id, sessionId: shareLinks.sessionId, expiresAt: shareLinks.expiresAt });
  if (!share) return undefined;
  const [session] = await db
    .select({ id: sessions.id, startedAt: sessions.startedAt, endedAt: sessions.endedAt, meta: sessions.meta })
    .from(sessions)
    .where(and(eq(sessions.id, share.sessionId), isNull(sessions.erasedAt)));
  return session ? { id: share.id, expiresAt: share.expiresAt, session } : undefined;
}
