import { and, asc, eq, exists, isNull, lt, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import { boundValue } from "./bound-value";
import type { Database } from "./client";
import { jsonItem, selectJsonRows } from "./json-list";
import { sessionInsights, sessions } from "./schema";
import type { Insight } from "../insights/detect-insights";
import { convertInsightTypeToNumber, convertInsightTypeToString, type InsightType } from "../insights/insight-type";

/**
 * Most insights kept per session: a bot hammering a dead button could otherwise grow one session's
 * list without bound. The counts on `sessions` stop there too.
 */
export const MAX_INSIGHTS_PER_SESSION = 1_000;

/** An insight as stored and as the session detail shows it (contract §5, §12): what detection decided. */
export type StoredInsight = Insight;

function countOf(sessionId: string, type: InsightType) {
  return sql<number>`(SELECT COUNT(*) FROM ${sessionInsights} WHERE ${sessionInsights.sessionId} = ${sessionId} AND ${sessionInsights.type} = ${convertInsightTypeToNumber(type)})`;
}

/** The session's rage and dead click counts, derived from its rows (so a retry changes nothing): for its row's update. */
export function insightCounts(sessionId: string) {
  return { rageClicks: countOf(sessionId, "rage_click"), deadClicks: countOf(sessionId, "dead_click") };
}

/** Where a row of a session's insights may go: beside its live session, and only while the session has room. */
function roomBeside(db: Database, qb: QueryBuilder, sessionId: string) {
  return and(
    exists(
      qb
        .select({ one: sql`1` })
        .from(sessions)
        .where(and(eq(sessions.id, sessionId), isNull(sessions.erasedAt))),
    ),
    // json_each's `key` is the list index: only as many rows as the session has room for.
    lt(sql`key`, sql`${MAX_INSIGHTS_PER_SESSION} - ${db.$count(sessionInsights, eq(sessionInsights.sessionId, sessionId))}`),
  );
}

/**
 * The statement adding a session's insights: rows are written only beside a session that exists
 * and is not being erased (so none outlives an erasure it races), a repeated insight (same time
 * and type) is kept once, and no more than MAX_INSIGHTS_PER_SESSION are kept.
 */
export function insertInsights(db: Database, sessionId: string, insights: readonly StoredInsight[]) {
  const list = JSON.stringify(insights.map((i) => [i.at, convertInsightTypeToNumber(i.type), Math.round(i.x), Math.round(i.y), i.label, i.clicks]));
  return db
    .insert(sessionInsights)
    .select((qb) =>
      selectJsonRows(qb, list, roomBeside(db, qb, sessionId), {
        sessionId: boundValue(sessionId, "session_id"),
        at: jsonItem(0, "at"),
        type: jsonItem(1, "type"),
        x: jsonItem(2, "x"),
        y: jsonItem(3, "y"),
        label: jsonItem(4, "label"),
        clicks: jsonItem(5, "clicks"),
      }),
    )
    .onConflictDoNothing();
}

/** Adds a session's insights and recounts its rage and dead clicks, in one D1 batch (seeding and tests; the object writes them with its index). */
export async function addSessionInsights(db: Database, sessionId: string, insights: readonly StoredInsight[]): Promise<void> {
  if (insights.length === 0) return;
  await db.batch([insertInsights(db, sessionId, insights), db.update(sessions).set(insightCounts(sessionId)).where(eq(sessions.id, sessionId))]);
}

/** A session's insights in time order. */
export async function listSessionInsights(db: Database, sessionId: string): Promise<StoredInsight[]> {
  const rows = await db
    .select({
      type: sessionInsights.type,
      at: sessionInsights.at,
      x: sessionInsights.x,
      y: sessionInsights.y,
      label: sessionInsights.label,
      clicks: sessionInsights.clicks,
    })
    .from(sessionInsights)
    .where(eq(sessionInsights.sessionId, sessionId))
    .orderBy(asc(sessionInsights.at));
  return rows.map((r) => ({ ...r, type: convertInsightTypeToString(r.type) }));
}
