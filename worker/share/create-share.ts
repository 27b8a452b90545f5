import type { Database } from "../db/client";
import { getSession } from "../db/admin-queries";
import { insertShare } from "../db/share-queries";
import { createShareToken, hashShareToken } from "./token";
import { shareExpiresAt } from "./ttl";

/** A link just made: the only time its token exists outside the recipient's hands. */
export interface CreatedShare {
  id: string;
  token: string;
  expiresAt: number;
}

/**
 * Makes a share link to a visible session for `ttlSeconds` (capped at the session's retention
 * end); stores only the token's hash. Returns undefined for an unknown or erased session.
 */
export async function createShare(
  db: Database,
  input: { sessionId: string; ttlSeconds: number; createdBy: string; retentionDays: number },
  now: number,
): Promise<CreatedShare | undefined> {
  const session = await getSession(db, input.sessionId);
  if (!session) return undefined;
  const token = createShareToken();
  const share = {
    id: crypto.randomUUID(),
    sessionId: session.id,
    tokenHash: await hashShareToken(token),
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt: shareExpiresAt(now, input.ttlSeconds, session.lastChunkAt, input.retentionDays),
  };
  await insertShare(db, share);
  return { id: share.id, token, expiresAt: share.expiresAt };
}
