import type { Database } from "../db/client";
import { insertAuditRows, type AuditRow } from "../db/audit-queries";
import type { Identity } from "../context";
import {
  convertActorTypeToNumber,
  convertActorTypeToString,
  convertAuditActionToNumber,
  convertAuditActionToString,
  type ActorType,
  type AuditAction,
} from "../../protocol/enums";

/**
 * One thing to record (contract §11): ids and times only, never recorded content, tokens or IPs.
 * `actor` is the admin's sub or Access e-mail (`admin`), the end user's sub (`user`), the share's
 * id (`share_link`), or null (`system`, the cron).
 */
export interface AuditEntry {
  action: AuditAction;
  actorType: ActorType;
  actor: string | null;
  sessionId: string | null;
  at: number;
}

/** An entry as GET /api/admin/audit answers it. */
export type PresentedAuditEntry = AuditEntry & { id: string };

/**
 * Appends entries to the audit log (one D1 batch). Awaited before the answer that depends on it:
 * a read that cannot be recorded fails rather than going unrecorded. Unknown enum values throw.
 */
export async function recordAudit(db: Database, entries: readonly AuditEntry[]): Promise<void> {
  const rows: AuditRow[] = entries.map((e) => ({
    id: crypto.randomUUID(),
    at: e.at,
    actor: e.actor,
    actorType: convertActorTypeToNumber(e.actorType),
    action: convertAuditActionToNumber(e.action),
    sessionId: e.sessionId,
  }));
  await insertAuditRows(db, rows);
}

/** The actor fields for an admin's identity (its sub, or the Access e-mail). */
export function byAdmin(identity: Identity): Pick<AuditEntry, "actorType" | "actor"> {
  return { actorType: "admin", actor: identity.userId };
}

/** A stored row as the API shows it: codes back to names. */
export function presentAuditRow(row: AuditRow): PresentedAuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorType: convertActorTypeToString(row.actorType),
    action: convertAuditActionToString(row.action),
    sessionId: row.sessionId,
  };
}
