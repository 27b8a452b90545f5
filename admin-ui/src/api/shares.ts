import { query } from "@solidjs/router";
import * as z from "zod/mini";
import { api } from "./client";
import { createdShare, shareList } from "./schemas";

/** A session's share links, newest first (contract §10). */
export const getShares = query((sessionId: string) => api(`/api/admin/sessions/${encodeURIComponent(sessionId)}/shares`, shareList), "shares");

/** Makes a share link living `ttlSeconds` (the server caps it at the session's retention end). */
export function createShare(sessionId: string, ttlSeconds: number) {
  return api(`/api/admin/sessions/${encodeURIComponent(sessionId)}/shares`, createdShare, { method: "POST", body: JSON.stringify({ ttlSeconds }) });
}

/** Revokes a share link at once. */
export function revokeShare(shareId: string) {
  return api(`/api/admin/shares/${encodeURIComponent(shareId)}`, z.looseObject({ ok: z.boolean() }), { method: "DELETE" });
}
