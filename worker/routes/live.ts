import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { requireAdmin } from "../auth/require-identity";
import { validate } from "../http/validate";
import { SESSION_HEADER, VIEWER_HEADER } from "../live/accept-socket";
import { admitViewer } from "../live/admit-viewer";
import { limitPerAdmin } from "../live/limit-admin";
import { liveDirectory } from "../live/live-directory";
import { newTicket, sessionTarget, TICKET_TTL_MS } from "../live/tickets";
import { sessionObject } from "../session/session-stub";
import { isSessionId } from "../../protocol/session-id";
import { database } from "../db/client";
import { recordAudit } from "../audit/record-audit";

/** The forwarded upgrade: the object learns who watches (and which session) from headers only this worker sets. */
function forwarded(request: Request, viewer: string, sessionId?: string): Request {
  const headers = new Headers(request.headers);
  headers.set(VIEWER_HEADER, viewer);
  if (sessionId) headers.set(SESSION_HEADER, sessionId);
  return new Request(request, { headers });
}

/**
 * Live sessions (contract §9), mounted at /api/admin ahead of the admin sub-app: minting a ticket
 * needs an admin token; the upgrades cannot carry one (browsers set no headers on them), so the
 * single-use ticket is their credential and the objects answer them.
 */
export const liveRoutes = new Hono<AppEnv>();

liveRoutes.post(
  "/live/tickets",
  requireAdmin(),
  validate("json", z.object({ sessionId: z.string().toLowerCase().refine(isSessionId, "not a session id").optional() }).strict()),
  async (c) => {
    const admin = c.get("identity").userId;
    await limitPerAdmin(c.env.LIVE_TICKET_LIMITER, admin, "live tickets");
    const { sessionId } = c.req.valid("json");
    const { ticket, hash } = await newTicket();
    const expiresAt = Date.now() + TICKET_TTL_MS;
    await liveDirectory(c.env).storeTicket({ hash, target: sessionId ? sessionTarget(sessionId) : "list", mintedBy: admin, expiresAt });
    return c.json({ ticket, expiresAt }, 201, { "Cache-Control": "no-store" });
  },
);

liveRoutes.get("/live", async (c) => {
  const viewer = await admitViewer(c.env, c.req.raw, "list");
  return liveDirectory(c.env).fetch(forwarded(c.req.raw, viewer));
});

liveRoutes.get("/sessions/:id/live", async (c) => {
  // Not validated up front: Origin comes first, and an id no ticket names fails as "another target".
  const sessionId = c.req.param("id").toLowerCase();
  const viewer = await admitViewer(c.env, c.req.raw, sessionTarget(sessionId));
  const res = await sessionObject(c.env, sessionId).fetch(forwarded(c.req.raw, viewer, sessionId));
  // Only an opened socket is a view; the ticket's minter is the admin who watches.
  if (res.status === 101) await recordAudit(database(c.env.DB), [{ action: "live_viewed", actorType: "admin", actor: viewer, sessionId, at: Date.now() }]);
  return res;
});
