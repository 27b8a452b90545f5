import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { devModeFor } from "../config";

/**
 * Refuses every request, pages included, to a worker that has REPLAY_DEV "true" but is not reached
 * on a loopback host: such a deployment must be unusable, not quietly run in dev mode.
 */
export const fenceDevMode = () =>
  createMiddleware<AppEnv>(async function fenceDevMode(c, next) {
    devModeFor(c.env, c.req.url);
    await next();
  });
