import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { database } from "../db/client";
import { limitShareOpens } from "../http/rate-limit";
import { openShare } from "../share/open-share";

/** Headers of every share answer: never cached, never indexed, and its URL (the token) never sent on as a referrer. */
export const SHARE_RESPONSE_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
} as const;

/** Request header that carries an earlier answer's `view` (a refresh of the same open). */
export const SHARE_VIEW_HEADER = "Share-View";

/** The public share API (contract §10): the token in the path is the only credential. */
export const shareRoutes = new Hono<AppEnv>();
shareRoutes.use(
  "*",
  // On every answer, refusals (404, 429) included: they are answers about a token too.
  createMiddleware<AppEnv>(async function addShareHeaders(c, next) {
    await next();
    for (const [name, value] of Object.entries(SHARE_RESPONSE_HEADERS)) c.res.headers.set(name, value);
  }),
  limitShareOpens(),
);

shareRoutes.get("/:token", async (c) => {
  // The view value comes in a header: not part of the URL, so never in a log line or a referrer, and
  // on the page's own origin a header needs no CORS preflight (worker/routes/pages.ts's CSP allows this path).
  const request = { token: c.req.param("token"), view: c.req.header(SHARE_VIEW_HEADER), origin: new URL(c.req.url).origin };
  const { body } = await openShare(c.env, database(c.env.DB), c.get("config"), request, Date.now());
  return c.json(body);
});
