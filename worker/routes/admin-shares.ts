import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { validate } from "../http/validate";
import { database } from "../db/client";
import { getSession } from "../db/admin-queries";
import { listShares, revokeShare } from "../db/share-queries";
import { createShare } from "../share/create-share";
import { SHARE_TTL_DEFAULT_SECONDS, SHARE_TTL_MAX_SECONDS, SHARE_TTL_MIN_SECONDS } from "../share/ttl";
import { isSessionId } from "../../protocol/session-id";

const sessionParam = z.object({ id: z.string().toLowerCase().refine(isSessionId, "not a session id") });
/** Share ids are UUIDs like session ids. */
const shareParam = sessionParam;
const createBody = z.object({
  ttlSeconds: z.number().int().min(SHARE_TTL_MIN_SECONDS).max(SHARE_TTL_MAX_SECONDS).default(SHARE_TTL_DEFAULT_SECONDS),
});

/** Share links (contract §10), mounted in the admin sub-app, which requires an admin. */
export const adminShareRoutes = new Hono<AppEnv>();

adminShareRoutes.post("/sessions/:id/shares", validate("param", sessionParam), validate("json", createBody), async (c) => {
  const { id } = c.req.valid("param");
  const share = await createShare(
    database(c.env.DB),
    { sessionId: id, ttlSeconds: c.req.valid("json").ttlSeconds, createdBy: c.get("identity").userId, retentionDays: c.get("config").retentionDays },
    Date.now(),
  );
  if (!share) throw new ApiError(404, "not_found", "No such session");
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
  const revoked = await revokeShare(database(c.env.DB), c.req.valid("param").id, now);
  if (!revoked) throw new ApiError(404, "not_found", "No such share link");
  // revoked.revokedAt === now: this request revoked it (an earlier revocation keeps its own time).
  return c.json({ ok: true });
});
