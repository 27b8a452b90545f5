import type { SearchParams } from "@solidjs/router";
import type { AuditFilters } from "../../api/admin";

// The audit page's filters live in the URL (?actor=&session=&cursor=), so a filtered view can be shared.

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

/** Reads the filters from the page's search params. */
export function readAuditFilters(params: Partial<SearchParams>): AuditFilters {
  return { actor: one(params.actor), sessionId: one(params.session)?.toLowerCase(), cursor: one(params.cursor) };
}

/** Search params for a new filter (always back to the first page). */
export function auditFilterParams(f: { actor?: string; sessionId?: string }) {
  return { actor: f.actor || null, session: f.sessionId || null, cursor: null };
}
