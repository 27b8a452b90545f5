import type { SearchParams } from "@solidjs/router";
import type { SessionFilters } from "../../api/admin";
import { DEVICE_TYPES, type DeviceType } from "../../../../protocol/enums";
import { SESSION_ORDERS, type SessionOrder } from "../../../../protocol/session-orders";

// The list's filters live in the URL (?user=&from=&to=&device=&frustrated=&sort=&cursor=) so a filtered view can be shared.
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

/** A device type the API filters by; anything else in the URL is no filter (the API would refuse it). */
function device(v: string | string[] | undefined): DeviceType | undefined {
  const s = one(v);
  return DEVICE_TYPES.find((d) => d === s);
}

/** A list order other than the default; anything else in the URL is newest first. */
function order(v: string | string[] | undefined): SessionOrder | undefined {
  const s = one(v);
  return SESSION_ORDERS.find((o) => o === s && o !== SESSION_ORDERS[0]);
}

/** Reads the filters from the page's search params. */
export function readFilters(params: Partial<SearchParams>): SessionFilters {
  return {
    userId: one(params.user)?.trim() || undefined,
    from: time(params.from),
    to: time(params.to),
    device: device(params.device),
    frustrated: one(params.frustrated) === "true" || undefined,
    sort: order(params.sort),
    cursor: one(params.cursor),
  };
}

/** Search params for a new filter (always back to the first page). */
export function filterParams(f: Omit<SessionFilters, "cursor">) {
  return {
    user: f.userId || null,
    frustrated: f.frustrated ? "true" : null,
    from: f.from !== undefined ? new Date(f.from).toISOString() : null,
    to: f.to !== undefined ? new Date(f.to).toISOString() : null,
    device: f.device ?? null,
    sort: f.sort && f.sort !== SESSION_ORDERS[0] ? f.sort : null,
    cursor: null,
  };
}

/** True when the list is narrowed by user, time or device (not just paged or sorted). */
export function isFiltered(f: SessionFilters): boolean {
  return f.userId !== undefined || f.from !== undefined || f.to !== undefined || f.device !== undefined || f.frustrated === true;
}
