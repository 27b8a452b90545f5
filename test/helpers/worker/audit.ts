import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { adminGet } from "./admin";

/** An audit entry as GET /api/admin/audit lists it (contract §11). */
export interface ListedAuditEntry {
  id: string;
  at: number;
  actor: string | null;
  actorType: string;
  action: string;
  sessionId: string | null;
}

/** GET /api/admin/audit page. */
export interface AuditPage {
  entries: ListedAuditEntry[];
  nextCursor: string | null;
}

/** The first page of GET /api/admin/audit with `query` (up to 200 entries); fails unless 200. */
export async function listAudit(query: Record<string, string | number> = {}): Promise<AuditPage> {
  const params = new URLSearchParams(Object.entries({ limit: 200, ...query }).map(([k, v]) => [k, String(v)]));
  const { status, body } = await adminGet<AuditPage>(`/api/admin/audit?${params}`);
  expect(status).toBe(200);
  return body;
}

/** What an entry says, without its id and time: for comparing with what a test did. */
export function describeEntry(e: ListedAuditEntry) {
  return { action: e.action, actorType: e.actorType, actor: e.actor, sessionId: e.sessionId };
}

/** The entries naming one session, oldest first, as `describeEntry` shows them. */
export async function sessionAudit(sessionId: string) {
  return (await listAudit({ sessionId })).entries.reverse().map(describeEntry);
}

/** Every stored audit row that holds `text` in any column (to prove an id is gone from the log). */
export async function auditRowsMentioning(text: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE actor = ?1 OR session_id = ?1 OR id = ?1").bind(text).first<{ n: number }>();
  return row?.n ?? 0;
}
