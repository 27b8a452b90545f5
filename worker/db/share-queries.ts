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

/** A link opens at `now` when it is not revoked, not expired, and its session is neither erased nor being erased. */
function opensAt(now: number) {
  return and(
    isNull(shareLinks.revokedAt),
    gt(shareLinks.expiresAt, now),
    sql`exists (select 1 from ${sessions} where ${sessions.id} = ${shareLinks.sessionId} and ${sessions.erasedAt} is null)`,
  );
}

/**
 * The link whose token hashes to `tokenHash`, with its session, if it opens at `now`; undefined
 * otherwise, without saying which. Counts nothing (countShareOpen does).
 */
export async function findOpenShare(db: Database, tokenHash: string, now: number): Promise<OpenShare | undefined> {
  const [share] = await db
    .select({
      id: shareLinks.id,
      expiresAt: shareLinks.expiresAt,
      session: { id: sessions.id, startedAt: sessions.startedAt, endedAt: sessions.endedAt, meta: sessions.meta },
    })
    .from(shareLinks)
    .innerJoin(sessions, eq(sessions.id, shareLinks.sessionId))
    .where(and(eq(shareLinks.tokenHash, tokenHash), opensAt(now)));
  return share;
}

/**
 * Counts one view (a new open) of link `id` if it still opens at `now`; false if it does not. One
 * statement, so a link revoked since it was found is never counted.
 */
export async function countShareOpen(db: Database, id: string, now: number): Promise<boolean> {
  const counted = await db
    .update(shareLinks)
    .set({ views: sql`${shareLinks.views} + 1` })
    .where(and(eq(shareLinks.id, id), opensAt(now)))
    .returning({ id: shareLinks.id });
  return counted.length > 0;
}
