import type { SessionSummary } from "../../api/schemas";

// Facts about a session that the list and the detail page both show, computed in one place.

/** How long the kept part of the session lasts, ms; null while either end is unknown. */
export function sessionDuration(s: Pick<SessionSummary, "startedAt" | "endedAt">): number | null {
  return s.startedAt !== null && s.endedAt !== null ? s.endedAt - s.startedAt : null;
}

/** The page the session was last seen on, else the one it started on. */
export function sessionPage(s: Pick<SessionSummary, "lastUrl" | "meta">): string | undefined {
  return s.lastUrl ?? s.meta.url;
}
