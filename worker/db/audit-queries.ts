import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { auditLog, sessions } from "./schema";
import { boundValue } from "./bound-value";
import { type KeysetPosition, selectPage } from "./keyset";
import { ACTOR_TYPE_CODES, AUDIT_ACTION_CODES } from "../../protocol/enums";

/** An audit entry as D1 stores it (actor type and action as codes, protocol/enums.ts). */
export type AuditRow = typeof auditLog.$inferSelect;

/** Each row binds 6 parameters; D1 allows 100 per statement. */
const ROWS_PER_STATEMENT = 16;

/** Inserts audit rows (ids given), in one D1 batch of bounded statements. */
export async function insertAuditRows(db: Database, rows: readonly AuditRow[]): Promise<void> {
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) statements.push(db.insert(auditLog).values(rows.slice(i, i + ROWS_PER_STATEMENT)));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/**
 * A `deletion_completed` entry by the system for `sessionId`, inserted only while its session row
 * exists: run in the batch that deletes the row, so when erasures overlap only the run that
 * deleted it records the completion.
 */
export function insertCompletionIfSessionExists(db: Database, sessionId: string, at: number) {
  return db.insert(auditLog).select((qb) =>
    qb
      .select({
        id: boundValue(crypto.randomUUID(), "id"),
        at: boundValue(at, "at"),
        actor: sql<null>`NULL`.as("actor"),
        actorType: boundValue(ACTOR_TYPE_CODES.system, "actor_type"),
        action: boundValue(AUDIT_ACTION_CODES.deletion_completed, "action"),
        sessionId: sessions.id,
      })
      .from(sessions)
      .where(eq(sessions.id, sessionId)),
  );
}

/** Entries newest first, filtered by session and/or actor; keyset paging on (at, id). Returns a page and the cursor after it. */
export async function listAuditRows(db: Database, q: { sessionId?: string; actor?: string; limit: number; cursor?: KeysetPosition }) {
  const where = and(
    q.sessionId !== undefined ? eq(auditLog.sessionId, q.sessionId) : undefined,
    q.actor !== undefined ? eq(auditLog.actor, q.actor) : undefined,
  );
  return selectPage(db.select().from(auditLog).$dynamic(), { values: [auditLog.at], id: auditLog.id }, where, q, (last) => ({
    values: [last.at],
    id: last.id,
  }));
}

/** Replaces an end user's id in the entries where they are the actor by `pseudonym`. Returns how many changed. */
export async function replaceUserActor(db: Database, userId: string, pseudonym: string): Promise<number> {
  const result = await db
    .update(auditLog)
    .set({ actor: pseudonym })
    .where(and(eq(auditLog.actorType, ACTOR_TYPE_CODES.user), eq(auditLog.actor, userId)));
  return result.meta.changes ?? 0;
}

/** Deletes entries older than `before`. Returns how many. */
export async function pruneAuditRows(db: Database, before: number): Promise<number> {
  const result = await db.delete(auditLog).where(lt(auditLog.at, before));
  return result.meta.changes ?? 0;
}
