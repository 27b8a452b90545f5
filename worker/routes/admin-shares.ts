import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { validate } from "../http/validate";
import { database } from "../db/client";
import { getSession } from "../db/admin-queries";
import { listShares, revokeShare } from "../db/share-queries";
import { createShare } from "../share/create-share";
import { SHARE_TTL_SECONDS } from "../share/ttl";
import { isSessionId } from "../../protocol/session-id";
import { byAdmin, recordAudit } from "../audit/record-audit";

const sessionParam = z.object({ id: z.string().toLowerCase().refine(isSessionId, "not a session id") });
/** Share ids are UUIDs like session ids. */
const shareParam = sessionParam;
const createBody = z.object({
  ttlSeconds: z.number().int().min(SHARE_TTL_SECONDS.min).max(SHARE_TTL_SECONDS.max).default(SHARE_TTL_SECONDS.default),
});

/** Share links (contract §10), mounted in the admin sub-app, which requires an admin. */
export const adminShareRoutes = new Hono<AppEnv>();

adminShareRoutes.post("/sessions/:id/shares", validate("param", sessionParam), validate("json", createBody), async (c) => {
  const { id } = c.req.valid("param");
  const db = database(c.env.DB);
  const now = Date.now();
  const share = await createShare(
    db,
    { sessionId: id, ttlSeconds: c.req.valid("json").ttlSeconds, createdBy: c.get("identity").userId, retentionDays: c.get("config").retentionDays },
    now,
  );
  if (!share) throw new ApiError(404, "not_found", "No such session");
  await recordAudit(db, [{ action: "share_created", ...byAdmin(c.get("identity")), sessionId: id, at: now }]);
  const url = `${new URL(c.req.url).origin}/share/${share.token}`;
  return c.json({ id: share.id, url, expiresAt: share.expiresAt }, 201, { "Cache-Control": "no-store" });
});

adminShareRoutes.get("/sessions/:id/shares", validate("param", sessionParam), async (c) => {
  const { id } = c.req.valid("param");
  const db = database(c.env.DB);
  if (!(await getSession(db, id))) throw new ApiError(404, "not_found", "No such session");
  return c.json({ shares: await listShares(db, id) }, 200, { "Cache-Control": "no-store" });
});

adminShareRoutes.delete("/shares/:id", validate("param", shareParam), async (c) => {
  const now = Date.now();
  const db = database(c.env.DB);
  const revoked = await revokeShare(db, c.req.valid("param").id, now);
  if (!revoked) throw new ApiError(404, "not_found", "No such share link");
  // Only the request that revoked it is recorded (an earlier revocation keeps its own time).
  if (revoked.revokedAt === now) await recordAudit(db, [{ action: "share_revoked", ...byAdmin(c.get("identity")), sessionId: revoked.sessionId, at: now }]);
  return c.json({ ok: true });
});
