import { query } from "@solidjs/router";
import * as z from "zod/mini";
import { api } from "./client";
import type { DeviceType } from "../../../protocol/enums";
import type { SessionOrder } from "../../../protocol/session-orders";
import { auditPage, heatmap, heatmapPages, me, metrics, sessionDetail, sessionList } from "./schemas";

/** Filters of the session list, as kept in the page URL. */
export interface SessionFilters {
  userId?: string;
  from?: number;
  to?: number;
  device?: DeviceType;
  /** Only sessions with a rage or dead click. */
  frustrated?: boolean;
  /** The list's order; none is newest first. */
  sort?: SessionOrder;
  cursor?: string;
}

/** Rows per page: enough to scan, small enough to render instantly. */
export const PAGE_SIZE = 50;

/** A list's query string: the page size, then each filter that is set (the filters are named as the API names them). */
function listQuery<F extends { [K in keyof F]?: string | number }>(limit: number, filters: F): URLSearchParams {
  const q = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters) as Array<[string, string | number | undefined]>)
    if (value !== undefined && value !== "") q.set(name, String(value));
  return q;
}

/** Who is signed in; 401 means nobody, 403 a non-admin. `generation` (see token.ts) keys the cache. */
export const getMe = query((_generation: number) => api("/api/admin/me", me), "me");

/** One page of sessions, newest first. */
export const getSessions = query(
  // `frustrated` is a flag: sent as "true" when set, left out otherwise.
  (f: SessionFilters) => api(`/api/admin/sessions?${listQuery(PAGE_SIZE, { ...f, frustrated: f.frustrated ? "true" : undefined })}`, sessionList),
  "sessions",
);

/** A session with its chunks' signed URLs (they expire: revalidate this to get fresh ones). */
export const getSessionDetail = query((id: string) => api(`/api/admin/sessions/${encodeURIComponent(id)}`, sessionDetail), "session");

/** The last hour of counters. */
export const getMetrics = query(() => api("/api/admin/metrics", metrics), "metrics");

/** Erases a session everywhere (contract §5). */
export function deleteSession(id: string) {
  return api(`/api/admin/sessions/${encodeURIComponent(id)}`, z.looseObject({ ok: z.boolean() }), { method: "DELETE" });
}

/** Filters of the audit log, as kept in the page URL. */
export interface AuditFilters {
  sessionId?: string;
  actor?: string;
  cursor?: string;
}

/** One page of audit entries, newest first; `limit` is the page size (the session page shows fewer). */
export const getAudit = query((f: AuditFilters, limit: number = PAGE_SIZE) => api(`/api/admin/audit?${listQuery(limit, f)}`, auditPage), "audit");

/** Filters of the heatmap page. */
export interface HeatmapFilters {
  url: string;
  from?: number;
  to?: number;
  device?: string;
}

/** A page's clicks, aggregated in cells (contract §12). */
export const getHeatmap = query((f: HeatmapFilters) => {
  const q = new URLSearchParams({ url: f.url });
  if (f.from !== undefined) q.set("from", String(f.from));
  if (f.to !== undefined) q.set("to", String(f.to));
  if (f.device) q.set("device", f.device);
  return api(`/api/admin/heatmap?${q}`, heatmap);
}, "heatmap");

/** Pages with clicks, most clicked first, whose URL contains `search`. */
export const getHeatmapPages = query((search: string) => api(`/api/admin/heatmap/pages?${new URLSearchParams({ q: search })}`, heatmapPages), "heatmap-pages");
