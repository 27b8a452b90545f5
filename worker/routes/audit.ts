import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { validate } from "../http/validate";
import { absentIfEmpty, encodeCursor, LIST_DEFAULT_LIMIT, pageQuery } from "../http/list-query";
import { database } from "../db/client";
import { listAuditRows } from "../db/audit-queries";
import { presentAuditRow } from "../audit/record-audit";
import { isSessionId } from "../../protocol/session-id";

/** The audit log (contract §11), mounted at /api/admin/audit behind the admin check. */
export const auditRoutes = new Hono<AppEnv>();

const auditQuery = z.object({
  sessionId: absentIfEmpty(z.string().toLowerCase().refine(isSessionId, "not a session id")),
  actor: absentIfEmpty(z.string().max(256)),
  ...pageQuery,
});

auditRoutes.get("/", validate("query", auditQuery), async (c) => {
  const q = c.req.valid("query");
  const { rows, next } = await listAuditRows(database(c.env.DB), { ...q, limit: q.limit ?? LIST_DEFAULT_LIMIT });
  return c.json({ entries: rows.map(presentAuditRow), nextCursor: encodeCursor(next) }, 200, { "Cache-Control": "no-store" });
});
