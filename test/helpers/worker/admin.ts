import { mintToken } from "../tokens";
import { BASE, callAs, callWithEnv } from "./http";

/** A session as GET /api/admin/sessions lists it (contract §5). */
export interface ListedSession {
  id: string;
  userId: string;
  startedAt: number;
  endedAt: number;
  bytes: number;
  status: "live" | "ended";
  meta: Record<string, unknown>;
  chunkCount: number;
  device: "desktop" | "mobile" | "tablet" | "unknown";
}

/** GET /api/admin/sessions page. */
export interface SessionPage {
  sessions: ListedSession[];
  nextCursor: string | null;
}

/** A session's detail with its chunks' signed URLs. */
export interface SessionDetail extends ListedSession {
  chunks: Array<{ seq: number; startedAt: number; endedAt: number; bytes: number; url: string }>;
}

/** An admin token (role claim). */
export function adminToken(sub = "root"): Promise<string> {
  return mintToken(sub, { admin: true });
}

/** Calls an API route with an admin token; returns the response as it is. */
export async function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return callAs(await adminToken(), path, init);
}

/**
 * Calls an API route with admin `sub`'s token in this isolate, waiting for the background work it
 * starts (an erasure continues after the answer) before returning. A body is sent as JSON.
 */
export async function adminRequest(path: string, init: RequestInit = {}, sub = "root"): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${await adminToken(sub)}`);
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  return callWithEnv({}, new Request(`${BASE}${path}`, { ...init, headers }));
}

/** Calls an admin route with an admin token and parses the JSON answer. */
export async function adminGet<T>(path: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await adminFetch(path);
  return { status: res.status, body: await res.json<T>(), headers: res.headers };
}

/** Follows nextCursor from the first page to the last; returns the pages' ids in order. */
export async function listAllPages(query: Record<string, string | number>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    if (cursor) params.set("cursor", cursor);
    const { status, body } = await adminGet<SessionPage>(`/api/admin/sessions?${params}`);
    if (status !== 200) throw new Error(`list failed: ${status}`);
    ids.push(...body.sessions.map((s) => s.id));
    cursor = body.nextCursor;
    pages++;
    if (pages > 1000) throw new Error("pagination does not end");
  } while (cursor);
  return { ids, pages };
}

/** POSTs `body` as JSON to an admin route with an admin token; returns the response as it is. */
export function adminPostJson(path: string, body: unknown): Promise<Response> {
  return adminFetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
