import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { deletionRequests } from "./schema";
import { oneSession, userSessionsAsOf, type SessionScope } from "./erasure-queries";

/** A deletion request as D1 stores it. */
export type DeletionRequestRow = typeof deletionRequests.$inferSelect;

/** What a new request records: a user's sessions, or one session. */
export type NewDeletionRequest = Pick<DeletionRequestRow, "userId" | "sessionId" | "requestedBy" | "source" | "requestedAt">;

/** Records a request; returns its id. */
export async function insertDeletionRequest(db: Database, request: NewDeletionRequest): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(deletionRequests).values({ id, ...request });
  return id;
}

/** One request, or undefined. */
export async function getDeletionRequest(db: Database, id: string): Promise<DeletionRequestRow | undefined> {
  const [row] = await db.select().from(deletionRequests).where(eq(deletionRequests.id, id));
  return row;
}

/** The sessions a request covers. */
export function requestScope(request: Pick<DeletionRequestRow, "userId" | "sessionId" | "requestedAt">): SessionScope {
  // A one-session request names its session; a user's request covers what existed when it was made.
  if (request.sessionId !== null) return oneSession(request.sessionId);
  return userSessionsAsOf(request.userId ?? "", request.requestedAt);
}

/** A pending request, as the cron and the ops status see it. */
export type PendingRequest = Pick<DeletionRequestRow, "id" | "userId" | "sessionId" | "requestedAt" | "source">;

/** Up to `limit` requests not completed yet, oldest first. */
export function listPendingRequests(db: Database, limit: number): Promise<PendingRequest[]> {
  return db
    .select({
      id: deletionRequests.id,
      userId: deletionRequests.userId,
      sessionId: deletionRequests.sessionId,
      requestedAt: deletionRequests.requestedAt,
      source: deletionRequests.source,
    })
    .from(deletionRequests)
    .where(isNull(deletionRequests.completedAt))
    .orderBy(asc(deletionRequests.requestedAt))
    .limit(limit);
}

/** The oldest pending request for exactly one session, if an earlier erasure of it was cut off. */
export async function findPendingSessionRequest(db: Database, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: deletionRequests.id })
    .from(deletionRequests)
    .where(and(eq(deletionRequests.sessionId, sessionId), isNull(deletionRequests.completedAt)))
    .orderBy(asc(deletionRequests.requestedAt))
    .limit(1);
  return row?.id ?? null;
}

function progress(db: Database, id: string, erased: number, completedAt: number | null) {
  return db
    .update(deletionRequests)
    .set({ sessionsErased: sql`${deletionRequests.sessionsErased} + ${erased}`, completedAt })
    .where(eq(deletionRequests.id, id));
}

/** Adds `erased` sessions to a request's count and, when `completedAt` is given, marks it complete. */
export async function recordRequestProgress(db: Database, id: string, erased: number, completedAt: number | null): Promise<void> {
  await progress(db, id, erased, completedAt);
}

/**
 * Marks a user's request complete and, in the same batch, replaces that user's id with
 * `pseudonym` in their completed requests (as requester too, when they asked themselves): once
 * their sessions are gone, their id is personal data the record of the erasure must not keep.
 * Pending requests keep it, since their scope is that id.
 */
export async function completeUserRequest(
  db: Database,
  id: string,
  erased: number,
  completedAt: number,
  user: { userId: string; pseudonym: string },
): Promise<void> {
  const completed = and(eq(deletionRequests.userId, user.userId), isNotNull(deletionRequests.completedAt));
  await db.batch([
    progress(db, id, erased, completedAt),
    db
      .update(deletionRequests)
      .set({ requestedBy: user.pseudonym })
      .where(and(completed, eq(deletionRequests.source, "self"), eq(deletionRequests.requestedBy, user.userId))),
    db.update(deletionRequests).set({ userId: user.pseudonym }).where(completed),
  ]);
}
