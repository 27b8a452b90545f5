import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { adminFetch, adminPostJson } from "./admin";
import { call } from "./http";
import { seedSession } from "./seed";
import { MINUTE_MS } from "./time";
import type { ShareSummary } from "../../../worker/db/share-queries";

/** POST /api/admin/sessions/:id/shares's answer (contract §10). */
export interface CreatedShare {
  id: string;
  url: string;
  expiresAt: number;
}

/** GET /api/share/:token's answer (contract §10). */
export interface SharedSession {
  session: { id: string; startedAt: number; endedAt: number; meta: { viewport?: { width: number; height: number } } };
  chunks: Array<{ seq: number; startedAt: number; endedAt: number; url: string }>;
  expiresAt: number;
  /** This open's view value, sent back on refreshes (docs/api.md). */
  view: string;
}

/** Asks for a share link as an admin, with `body` as the JSON body. */
export function postShare(sessionId: string, body: unknown = {}): Promise<Response> {
  return adminPostJson(`/api/admin/sessions/${sessionId}/shares`, body);
}

/** Makes a share link (201 asserted) and returns it with its token (the URL's last segment). */
export async function createShareLink(sessionId: string, ttlSeconds?: number): Promise<CreatedShare & { token: string }> {
  const res = await postShare(sessionId, ttlSeconds === undefined ? {} : { ttlSeconds });
  expect(res.status).toBe(201);
  const share = await res.json<CreatedShare>();
  return { ...share, token: share.url.slice(share.url.lastIndexOf("/") + 1) };
}

/** A session of two chunks recorded a minute ago by `userId`, and one share link to it (not opened yet). */
export async function seedSharedSession(userId: string) {
  const sessionId = await seedSession(userId, Date.now() - MINUTE_MS);
  return { sessionId, share: await createShareLink(sessionId) };
}

/** Opens a share link as an anonymous client, from `ip` when given. */
export function openShareLink(token: string, ip?: string): Promise<Response> {
  return call(`/api/share/${token}`, { headers: ip ? { "CF-Connecting-IP": ip } : {} });
}

/** Opens a share link again as the page does when its chunk URLs expire: with an earlier answer's `view`. */
export function refreshShareLink(token: string, view: string, ip?: string): Promise<Response> {
  return call(`/api/share/${token}`, { headers: { "Share-View": view, ...(ip ? { "CF-Connecting-IP": ip } : {}) } });
}

/** `share_opened` entries the audit log holds for share link `shareId` (its actor). */
export async function shareOpenedEntries(shareId: string): Promise<number> {
  const res = await adminFetch(`/api/admin/audit?actor=${encodeURIComponent(shareId)}&limit=200`);
  expect(res.status).toBe(200);
  const { entries } = await res.json<{ entries: Array<{ action: string }> }>();
  return entries.filter((e) => e.action === "share_opened").length;
}

/** The `views` the admin API lists for share link `shareId` of `sessionId`. */
export async function shareViews(sessionId: string, shareId: string): Promise<number | undefined> {
  return (await listShareLinks(sessionId)).find((s) => s.id === shareId)?.views;
}

/** The session's share links as the admin API lists them. */
export async function listShareLinks(sessionId: string): Promise<ShareSummary[]> {
  const res = await adminFetch(`/api/admin/sessions/${sessionId}/shares`);
  expect(res.status).toBe(200);
  return (await res.json<{ shares: ShareSummary[] }>()).shares;
}

/** Revokes a share link as an admin. */
export function revokeShareLink(shareId: string): Promise<Response> {
  return adminFetch(`/api/admin/shares/${shareId}`, { method: "DELETE" });
}

/** Rows of `share_links` for a session (read straight from D1). */
export async function shareRowCount(sessionId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM share_links WHERE session_id = ?").bind(sessionId).first<{ n: number }>();
  return row?.n ?? 0;
}
