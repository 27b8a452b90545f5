import type { SearchParams } from "@solidjs/router";
import type { SessionFilters } from "../../api/admin";

// The list's filters live in the URL (?user=&from=&to=&frustrated=&cursor=) so a filtered view can be shared.
// Times are ISO UTC there, so an admin in another time zone sees the same rows.

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === "" ? undefined : s;
}

function time(v: string | string[] | undefined): number | undefined {
  const s = one(v);
  if (s === undefined) return undefined;
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Reads the filters from the page's search params. */
export function readFilters(params: Partial<SearchParams>): SessionFilters {
  return {
    userId: one(params.user)?.trim() || undefined,
    from: time(params.from),
    to: time(params.to),
    frustrated: one(params.frustrated) === "true" || undefined,
    cursor: one(params.cursor),
  };
}

/** Search params for a new filter (always back to the first page). */
export function filterParams(f: { userId?: string; from?: number; to?: number; frustrated?: boolean }) {
  return {
    user: f.userId || null,
    frustrated: f.frustrated ? "true" : null,
    from: f.from !== undefined ? new Date(f.from).toISOString() : null,
    to: f.to !== undefined ? new Date(f.to).toISOString() : null,
    cursor: null,
  };
}

/** True when the list is narrowed by user or time (not just paged). */
export function isFiltered(f: SessionFilters): boolean {
  return f.userId !== undefined || f.from !== undefined || f.to !== undefined || f.frustrated === true;
}
