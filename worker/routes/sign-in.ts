import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { database } from "../db/client";
import { requireJsonBody } from "../http/require-json-body";
import { validate } from "../http/validate";
import { exchangeSignInCode } from "../auth/sign-in-code";

/**
 * `POST /api/admin/sign-in {"code"}`: the admin UI exchanges a sign-in link's single-use code for
 * an admin token. Needs no other credential: the code, signed with the admin secret, is one.
 */
export const signInRoutes = new Hono<AppEnv>();

signInRoutes.post("/", requireJsonBody(), validate("json", z.object({ code: z.string().min(1).max(2048) })), async (c) => {
  const answer = await exchangeSignInCode(database(c.env.DB), c.get("config"), c.req.valid("json").code, Date.now());
  return c.json(answer, 200, { "Cache-Control": "no-store" });
});
