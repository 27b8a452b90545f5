import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { log } from "../log";
import { addMetrics } from "../db/metrics-queries";
import { ERASE_BATCH_SESSIONS, finishErasures, shredSessions } from "./erase";

/** A recorded deletion request. */
export interface DeletionRequest {
  id: string;
  sessionsErased: number;
  completedAt: number | null;
}

/** The part of an execution context deletion needs (Hono and the runtime type it differently). */
type Background = { waitUntil(promise: Promise<unknown>): void };

/** Most pending requests one cron run works on. */
const REQUESTS_PER_RUN = 20;

async function record(db: Database, fields: { userId: string | null; sessionId: string | null; requestedBy: string; source: "self" | "admin"; now: number }) {
  const id = crypto.randomUUID();
  await db.run(sql`INSERT INTO deletion_requests (id, user_id, session_id, requested_by, source, requested_at) VALUES (${id}, ${fields.userId}, ${fields.sessionId}, ${fields.requestedBy}, ${fields.source}, ${fields.now})`);
  return id;
}

function scopeOf(r: { user_id: string | null; session_id: string | null; requested_at: number }) {
  // A user's request covers the sessions that existed when it was made, not ones recorded later.
  return r.session_id ? sql`id = ${r.session_id}` : sql`user_id = ${r.user_id} AND created_at <= ${r.requested_at}`;
}

/**
 * Works one request as far as a bounded pass goes: shred (idempotent), delete objects and rows,
 * and mark it complete once none of its sessions is left. Returns whether it completed.
 */
export async function advanceRequest(env: Env, db: Database, requestId: string, now: number): Promise<boolean> {
  const r = await db.get<{ user_id: string | null; session_id: string | null; requested_at: number; completed_at: number | null }>(
    sql`SELECT user_id, session_id, requested_at, completed_at FROM deletion_requests WHERE id = ${requestId}`,
  );
  if (!r || r.completed_at !== null) return true;
  const scope = scopeOf(r);
  const marked = await shredSessions(db, scope, now);
  const ids = (await db.all<{ id: string }>(sql`SELECT id FROM sessions WHERE ${scope} LIMIT ${ERASE_BATCH_SESSIONS}`)).map((s) => s.id);
  const erased = ids.length ? await finishErasures(env, db, ids.length, ids) : 0;
  const left = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sessions WHERE ${scope}`);
  const complete = (left?.n ?? 0) === 0;
  await db.run(sql`UPDATE deletion_requests SET sessions_erased = sessions_erased + ${erased}, completed_at = CASE WHEN ${complete ? 1 : 0} = 1 THEN ${Date.now()} ELSE NULL END WHERE id = ${requestId}`);
  await addMetrics(db, now, [{ name: "deletion_erased", value: erased }]);
  if (marked || erased) log.info("deletion request progressed", { requestId, marked, erased, complete });
  return complete;
}

async function request(env: Env, db: Database, fields: Parameters<typeof record>[1], ctx: Background): Promise<DeletionRequest> {
  const id = await record(db, fields);
  // Shredding happens before we answer, so the data is unreadable at once; object deletion
  // continues after the response and, if cut off, in the next cron run.
  const scope = scopeOf({ user_id: fields.userId, session_id: fields.sessionId, requested_at: fields.now });
  const marked = await shredSessions(db, scope, fields.now);
  ctx.waitUntil(advanceRequest(env, db, id, fields.now).catch((err) => log.warn("deletion continues in cron", { requestId: id, error: String(err).slice(0, 200) })));
  return { id, sessionsErased: marked, completedAt: null };
}

/** Records and starts erasing every session a user had when asking (their own or an admin's request). */
export function requestUserErasure(env: Env, db: Database, who: { userId: string; requestedBy: string; source: "self" | "admin" }, ctx: Background) {
  return request(env, db, { userId: who.userId, sessionId: null, requestedBy: who.requestedBy, source: who.source, now: Date.now() }, ctx);
}

/** Records and starts erasing one session (an admin's request). */
export function requestSessionErasure(env: Env, db: Database, what: { sessionId: string; requestedBy: string }, ctx: Background) {
  return request(env, db, { userId: null, sessionId: what.sessionId, requestedBy: what.requestedBy, source: "admin", now: Date.now() }, ctx);
}

/** Carries out pending requests (cron), one bounded pass each, until `hasTime()` says stop. Returns how many completed. */
export async function processDeletionRequests(env: Env, db: Database, now: number, hasTime: () => boolean = () => true): Promise<number> {
  const pending = await db.all<{ id: string }>(sql`SELECT id FROM deletion_requests WHERE completed_at IS NULL ORDER BY requested_at LIMIT ${REQUESTS_PER_RUN}`);
  let completed = 0;
  for (const { id } of pending) {
    if (!hasTime()) break;
    if (await advanceRequest(env, db, id, now)) completed++;
  }
  return completed;
}
