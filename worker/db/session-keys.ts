import { and, eq, ne } from "drizzle-orm";
import type { Database } from "./client";
import { sessionKeys } from "./schema";

/** A wrapped data key row as D1 stores it. */
export type SessionKeyRow = Pick<typeof sessionKeys.$inferSelect, "sessionId" | "wrappedKey" | "masterKeyId">;

/** Up to `limit` data keys wrapped by a master key other than `masterKeyId` (rotation's backlog). */
export function listKeysNotWrappedBy(db: Database, masterKeyId: string, limit: number): Promise<SessionKeyRow[]> {
  return db
    .select({ sessionId: sessionKeys.sessionId, wrappedKey: sessionKeys.wrappedKey, masterKeyId: sessionKeys.masterKeyId })
    .from(sessionKeys)
    .where(ne(sessionKeys.masterKeyId, masterKeyId))
    .limit(limit);
}

/** How many data keys are wrapped by a master key other than `masterKeyId`. */
export function countKeysNotWrappedBy(db: Database, masterKeyId: string): Promise<number> {
  return db.$count(sessionKeys, ne(sessionKeys.masterKeyId, masterKeyId));
}

/**
 * Stores a re-wrapped key, only if the row is still wrapped as it was read, so a concurrent
 * rotation or erasure is never overwritten. Returns whether it was stored.
 */
export async function replaceWrappedKey(db: Database, old: SessionKeyRow, next: { wrappedKey: string; masterKeyId: string }): Promise<boolean> {
  const res = await db
    .update(sessionKeys)
    .set(next)
    .where(and(eq(sessionKeys.sessionId, old.sessionId), eq(sessionKeys.masterKeyId, old.masterKeyId)));
  return (res.meta.changes ?? 0) > 0;
}
