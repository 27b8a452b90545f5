import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { requireAdmin } from "../auth/require-identity";
import { requireJsonBody } from "../http/require-json-body";
import { validate } from "../http/validate";
import { database } from "../db/client";
import type { Cursor } from "../db/admin-queries";
import { presentSession } from "../live/session-entry";
import { listCurrentSessions, readSessionDetail } from "../session/session-reads";
import { signedChunkPath } from "../crypto/signed-url";
import { fromBase64Url, toBase64Url } from "../crypto/codec";
import { ERASE_RETRY_AFTER_SECONDS, eraseSession, requestUserErasure } from "../lifecycle/deletion";
import { metricsSummary } from "../lifecycle/metrics-summary";
import { isSessionId } from "../../protocol/session-id";
import { opsRoutes } from "./ops";

const LIST_DEFAULT_LIMIT = 50;
const LIST_MAX_LIMIT = 200;

function encodeCursor(c: Cursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([c.startedAt, c.id])));
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((s, ctx): Cursor => {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(s)));
      const tuple = z.tuple([z.number().int(), z.string().max(64)]).parse(parsed);
      return { startedAt: tuple[0], id: tuple[1] };
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out" });
      return z.NEVER;
    }
  });

/** `?to=` (as in the contract's own example) means "no filter", not 0: empty query values are absent. */
const absentIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const time = z.coerce.number().int().min(0);
/** Any 8-4-4-4-12 hex id, like the upload route accepts (not only RFC 9562 versions). */
const sessionId = z.object({ id: z.string().toLowerCase().refine(isSessionId, "not a session id") });

/** Admin API (contract §5): every route needs an admin. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use("*", requireAdmin(), requireJsonBody());

adminRoutes.get("/me", (c) => c.json({ userId: c.get("identity").userId, isAdmin: true, via: c.get("identity").via }));

adminRoutes.get(
  "/sessions",
  validate(
    "query",
    z.object({
      userId: absentIfEmpty(z.string().max(256)),
      from: absentIfEmpty(time),
      to: absentIfEmpty(time),
      // A limit over the maximum gets the maximum; the caller follows nextCursor for the rest.
      limit: absentIfEmpty(
        z.coerce
          .number()
          .int()
          .min(1)
          .transform((n) => Math.min(n, LIST_MAX_LIMIT)),
      ),
      cursor: absentIfEmpty(cursorSchema),
    }),
  ),
  async (c) => {
    const q = c.req.valid("query");
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw new ApiError(400, "bad_request", "from must not be after to");
    const { sessions, next } = await listCurrentSessions(c.env, database(c.env.DB), {
      userId: q.userId,
      from: q.from,
      to: q.to,
      limit: q.limit ?? LIST_DEFAULT_LIMIT,
      after: q.cursor,
    });
    const now = Date.now();
    return c.json({ sessions: sessions.map((s) => presentSession(s, now)), nextCursor: next ? encodeCursor(next) : null }, 200, {
      "Cache-Control": "no-store",
    });
  },
);

adminRoutes.get("/sessions/:id", validate("param", sessionId), async (c) => {
  const { id } = c.req.valid("param");
  const detail = await readSessionDetail(c.env, database(c.env.DB), id);
  if (!detail) throw new ApiError(404, "not_found", "No such session");
  const config = c.get("config");
  const now = Date.now();
  const expiresAt = now + config.signedUrlTtlSeconds * 1000;
  const origin = new URL(c.req.url).origin;
  const chunks = await Promise.all(
    detail.chunks.map(async (ch) => ({
      seq: ch.seq,
      startedAt: ch.startedAt,
      endedAt: ch.endedAt,
      bytes: ch.bytes,
      eventCount: ch.eventCount,
      hasFullSnapshot: ch.hasFullSnapshot,
      url: origin + (await signedChunkPath(config.signingSecret, id, ch.seq, expiresAt)),
    })),
  );
  return c.json({ ...presentSession(detail.summary, now), chunks, urlsExpireAt: expiresAt }, 200, { "Cache-Control": "no-store" });
});

adminRoutes.delete("/sessions/:id", validate("param", sessionId), async (c) => {
  const { id } = c.req.valid("param");
  // One session is bounded work, so it is finished before we answer: when the admin sees `ok`, no
  // row and no object of it is left. If a step fails, the session is unreadable already and the
  // answer says to retry, which (like the cron) carries the same request on.
  const erasure = await eraseSession(c.env, database(c.env.DB), { sessionId: id, requestedBy: c.get("identity").userId }, Date.now());
  if (!erasure) throw new ApiError(404, "not_found", "No such session");
  if (!erasure.complete) {
    throw new ApiError(503, "erasure_incomplete", "The session is unreadable, but some of its data is not deleted yet; retry", {
      "Retry-After": String(ERASE_RETRY_AFTER_SECONDS),
    });
  }
  return c.json({ ok: true, requestId: erasure.requestId });
});

adminRoutes.post("/deletion-requests", validate("json", z.object({ userId: z.string().min(1).max(256) })), async (c) => {
  const { userId } = c.req.valid("json");
  const request = await requestUserErasure(c.env, database(c.env.DB), { userId, requestedBy: c.get("identity").userId, source: "admin" }, c.executionCtx);
  return c.json({ ok: true, requestId: request.id, sessionsErased: request.sessionsErased, completedAt: request.completedAt }, 202);
});

adminRoutes.get("/metrics", async (c) => {
  return c.json(await metricsSummary(database(c.env.DB), Date.now()), 200, { "Cache-Control": "no-store" });
});

adminRoutes.route("/ops", opsRoutes);
