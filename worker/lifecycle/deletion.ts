import type { Database } from "../db/client";
import { getSession } from "../db/admin-queries";
import {
  completeUserRequest,
  findPendingSessionRequest,
  getDeletionRequest,
  insertDeletionRequest,
  listPendingRequests,
  recordRequestProgress,
  requestScope,
  type NewDeletionRequest,
} from "../db/deletion-requests";
import { countSessions, listSessionIds, shredSessions } from "../db/erasure-queries";
import { addMetrics } from "../db/metrics-queries";
import { describeError, log } from "../log";
import { ERASE_BATCH_SESSIONS, finishErasures } from "./erase";
import { readConfig } from "../config";
import { pseudonymizeErasedUser } from "../audit/pseudonymize-actor";

/** A recorded deletion request. */
export interface DeletionRequest {
  id: string;
  sessionsErased: number;
  completedAt: number | null;
}

/** The part of an execution context deletion needs (Hono and the runtime type it differently). */
type Background = { waitUntil(promise: Promise<unknown>): void };

/** How soon an admin may retry a session erasure that could not finish (its objects usually go in seconds). */
export const ERASE_RETRY_AFTER_SECONDS = 10;

/** Most pending requests one cron run works on. */
const REQUESTS_PER_RUN = 20;

/**
 * Works one request as far as a bounded pass goes: shred (idempotent), delete objects and rows,
 * and mark it complete, at `now` (the run's time), once none of its sessions is left.
 * Returns whether it completed.
 */
async function advanceRequest(env: Env, db: Database, requestId: string, now: number): Promise<boolean> {
  const request = await getDeletionRequest(db, requestId);
  if (!request || request.completedAt !== null) return true;
  const scope = requestScope(request);
  const marked = await shredSessions(db, scope, now);
  const ids = await listSessionIds(db, scope, ERASE_BATCH_SESSIONS);
  const erased = ids.length ? await finishErasures(env, db, ids.length, ids) : 0;
  const complete = (await countSessions(db, scope)) === 0;
  if (complete && request.userId !== null) {
    // Before the request is marked complete: if this fails, the next pass does it again.
    const pseudonym = await pseudonymizeErasedUser(db, readConfig(env).signingSecret, request.userId);
    await completeUserRequest(db, requestId, erased, now, { userId: request.userId, pseudonym });
  } else {
    await recordRequestProgress(db, requestId, erased, complete ? now : null);
  }
  await addMetrics(db, now, [{ name: "deletion_erased", value: erased }]);
  if (marked || erased) log.info("deletion request progressed", { requestId, marked, erased, complete });
  return complete;
}

/** Records a request and shreds its sessions, so their data is unreadable before anyone is answered. */
async function fileRequest(db: Database, fields: NewDeletionRequest): Promise<{ id: string; marked: number }> {
  const id = await insertDeletionRequest(db, fields);
  const marked = await shredSessions(db, requestScope(fields), fields.requestedAt);
  return { id, marked };
}

/**
 * Records and starts erasing every session a user had when asking (their own or an admin's
 * request). Object deletion continues after the response and, if cut off, in the next cron run.
 */
export async function requestUserErasure(
  env: Env,
  db: Database,
  who: { userId: string; requestedBy: string; source: "self" | "admin" },
  ctx: Background,
): Promise<DeletionRequest> {
  const now = Date.now();
  const { id, marked } = await fileRequest(db, { userId: who.userId, sessionId: null, requestedBy: who.requestedBy, source: who.source, requestedAt: now });
  ctx.waitUntil(advanceRequest(env, db, id, now).catch((err) => log.warn("deletion continues in cron", { requestId: id, error: describeError(err) })));
  return { id, sessionsErased: marked, completedAt: null };
}

/** How erasing one session went: done, or left for a retry or the cron (it is unreadable either way); `filed`: this call made the request. */
export type SessionErasure = { requestId: string; complete: boolean; filed: boolean };

/**
 * Erases one session now (an admin's request): one session is bounded work. Resumable: when an
 * earlier erasure of it was cut off (its request is still pending), that request is carried on.
 * Returns null when there is no such session.
 */
export async function eraseSession(env: Env, db: Database, what: { sessionId: string; requestedBy: string }, now: number): Promise<SessionErasure | null> {
  let requestId = await findPendingSessionRequest(db, what.sessionId);
  const filed = requestId === null;
  if (requestId === null) {
    if (!(await getSession(db, what.sessionId))) return null;
    requestId = (await fileRequest(db, { userId: null, sessionId: what.sessionId, requestedBy: what.requestedBy, source: "admin", requestedAt: now })).id;
  }
  try {
    return { requestId, complete: await advanceRequest(env, db, requestId, now), filed };
  } catch (err) {
    // The keys are gone already; what failed is object or row deletion, which a retry or the cron finishes.
    log.warn("session erasure interrupted", { requestId, error: describeError(err) });
    return { requestId, complete: false, filed };
  }
}

/** Carries out pending requests (cron), one bounded pass each, until `hasTime()` says stop. Returns how many completed. */
export async function processDeletionRequests(env: Env, db: Database, now: number, hasTime: () => boolean = () => true): Promise<number> {
  let completed = 0;
  for (const { id } of await listPendingRequests(db, REQUESTS_PER_RUN)) {
    if (!hasTime()) break;
    if (await advanceRequest(env, db, id, now)) completed++;
  }
  return completed;
}
