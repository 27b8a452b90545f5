import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { readConfig } from "../config";

/** Reads and checks configuration per request, so a bad setting fails loudly at the first request. */
export const withConfig = () =>
  createMiddleware<AppEnv>(async function withConfig(c, next) {
    c.set("config", readConfig(c.env, c.req.url));
    await next();
  });
