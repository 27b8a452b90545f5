import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { validate } from "../http/validate";
import { absentIfEmpty, cursorSchema, encodeCursor, LIST_DEFAULT_LIMIT, limitSchema } from "../http/list-query";
import { database } from "../db/client";
import { listAuditRows } from "../db/audit-queries";
import { presentAuditRow } from "../audit/record-audit";
import { isSessionId } from "../../protocol/session-id";

/** The audit log (contract §11), mounted at /api/admin/audit behind the admin check. */
export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get(
  "/",
  validate(
    "query",
    z.object({
      sessionId: absentIfEmpty(z.string().toLowerCase().refine(isSessionId, "not a session id")),
      actor: absentIfEmpty(z.string().max(256)),
      limit: limitSchema,
      cursor: absentIfEmpty(cursorSchema),
    }),
  ),
  async (c) => {
    const q = c.req.valid("query");
    const { rows, next } = await listAuditRows(database(c.env.DB), {
      sessionId: q.sessionId,
      actor: q.actor,
      limit: q.limit ?? LIST_DEFAULT_LIMIT,
      after: q.cursor && { at: q.cursor.value, id: q.cursor.id },
    });
    return c.json({ entries: rows.map(presentAuditRow), nextCursor: next ? encodeCursor({ value: next.at, id: next.id }) : null }, 200, {
      "Cache-Control": "no-store",
    });
  },
);
