import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { requireAdmin } from "../auth/require-identity";
import { requireJsonBody } from "../http/require-json-body";
import { validate } from "../http/validate";
import { withTimeRange } from "../http/time-range";
import { database } from "../db/client";
import { presentSession } from "../live/session-entry";
import { listCurrentSessions, readSessionDetail } from "../session/session-reads";
import { absentIfEmpty, anyKeyPageQuery, cursorFits, encodeCursor, LIST_DEFAULT_LIMIT } from "../http/list-query";
import { sessionOrderValueCount } from "../db/admin-queries";
import { SESSION_ORDERS } from "../../protocol/session-orders";
import { byAdmin, recordAudit } from "../audit/record-audit";
import { auditRoutes } from "./audit";
import { DEVICE_TYPES, convertDeviceTypeToNumber } from "../../protocol/enums";
import { withSignedUrls } from "../crypto/chunk-urls";
import { ERASE_RETRY_AFTER_SECONDS, eraseSession, requestUserErasure } from "../lifecycle/deletion";
import { metricsSummary } from "../lifecycle/metrics-summary";
import { isSessionId } from "../../protocol/session-id";
import { opsRoutes } from "./ops";
import { adminShareRoutes } from "./admin-shares";
import { heatmapRoutes } from "./heatmap";
import { listSessionInsights } from "../db/insight-queries";

/** Any 8-4-4-4-12 hex id, like the upload route accepts (not only RFC 9562 versions). */
const sessionId = z.object({ id: z.string().toLowerCase().refine(isSessionId, "not a session id") });

const sessionsQuery = withTimeRange({
  userId: absentIfEmpty(z.string().max(256)),
  device: absentIfEmpty(z.enum(DEVICE_TYPES)),
  frustrated: absentIfEmpty(z.enum(["true", "false"]).transform((v) => v === "true")),
  sort: absentIfEmpty(z.enum(SESSION_ORDERS)),
  ...anyKeyPageQuery,
}).refine((q) => cursorFits(q.cursor, sessionOrderValueCount(q.sort ?? "newest")), {
  message: "cursor is not one of this sort order",
  path: ["cursor"],
});

/** Admin API (contract §5): every route needs an admin. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use("*", requireAdmin(), requireJsonBody());

adminRoutes.get("/me", (c) => c.json({ userId: c.get("identity").userId, isAdmin: true, via: c.get("identity").via }));

adminRoutes.get("/sessions", validate("query", sessionsQuery), async (c) => {
  const q = c.req.valid("query");
  const device = q.device !== undefined ? convertDeviceTypeToNumber(q.device) : undefined;
  const { rows, next } = await listCurrentSessions(c.env, database(c.env.DB), { ...q, device, limit: q.limit ?? LIST_DEFAULT_LIMIT });
  const now = Date.now();
  return c.json({ sessions: rows.map((s) => presentSession(s, now)), nextCursor: encodeCursor(next) }, 200, { "Cache-Control": "no-store" });
});

adminRoutes.get("/sessions/:id", validate("param", sessionId), async (c) => {
  const { id } = c.req.valid("param");
  const db = database(c.env.DB);
  const detail = await readSessionDetail(c.env, db, id);
  if (!detail) throw new ApiError(404, "not_found", "No such session");
  const config = c.get("config");
  const now = Date.now();
  const expiresAt = now + config.signedUrlTtlSeconds * 1000;
  const origin = new URL(c.req.url).origin;
  // The view is recorded before anything of the session is answered; a read that cannot be recorded fails.
  const [chunks, insights] = await Promise.all([
    withSignedUrls(config.signingSecret, origin, id, detail.chunks, expiresAt),
    listSessionInsights(db, id),
    recordAudit(db, [{ action: "session_viewed", ...byAdmin(c.get("identity")), sessionId: id, at: now }]),
  ]);
  return c.json({ ...presentSession(detail.summary, now), chunks, insights, urlsExpireAt: expiresAt }, 200, { "Cache-Control": "no-store" });
});

adminRoutes.delete("/sessions/:id", validate("param", sessionId), async (c) => {
  const { id } = c.req.valid("param");
  // One session is bounded work, so it is finished before we answer: when the admin sees `ok`, no
  // row and no object of it is left. If a step fails, the session is unreadable already and the
  // answer says to retry, which (like the cron) carries the same request on.
  const db = database(c.env.DB);
  const now = Date.now();
  const erasure = await eraseSession(c.env, db, { sessionId: id, requestedBy: c.get("identity").userId }, now);
  if (!erasure) throw new ApiError(404, "not_found", "No such session");
  // Once per deletion: a retry that carries an interrupted one on is not a second deletion.
  if (erasure.filed) await recordAudit(db, [{ action: "session_deleted", ...byAdmin(c.get("identity")), sessionId: id, at: now }]);
  if (!erasure.complete) {
    throw new ApiError(503, "erasure_incomplete", "The session is unreadable, but some of its data is not deleted yet; retry", {
      "Retry-After": String(ERASE_RETRY_AFTER_SECONDS),
    });
  }
  return c.json({ ok: true, requestId: erasure.requestId });
});

adminRoutes.post("/deletion-requests", validate("json", z.object({ userId: z.string().min(1).max(256) })), async (c) => {
  const { userId } = c.req.valid("json");
  const db = database(c.env.DB);
  // The entry names the admin only: the user's id would be personal data kept past their erasure.
  await recordAudit(db, [{ action: "deletion_requested", ...byAdmin(c.get("identity")), sessionId: null, at: Date.now() }]);
  const request = await requestUserErasure(c.env, db, { userId, requestedBy: c.get("identity").userId, source: "admin" }, c.executionCtx);
  return c.json({ ok: true, requestId: request.id, sessionsErased: request.sessionsErased, completedAt: request.completedAt }, 202);
});

adminRoutes.get("/metrics", async (c) => {
  return c.json(await metricsSummary(database(c.env.DB), Date.now()), 200, { "Cache-Control": "no-store" });
});

adminRoutes.route("/ops", opsRoutes);
adminRoutes.route("/audit", auditRoutes);
adminRoutes.route("/", adminShareRoutes);
adminRoutes.route("/heatmap", heatmapRoutes);
