import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { database } from "../db/client";
import { log } from "../log";
import { tallyRejection } from "./metric-tally";

/** Refuses uploads while REPLAY_ENABLED is false (before auth, so the recorder learns why). */
export const requireRecordingEnabled = () =>
  createMiddleware<AppEnv>(async function requireRecordingEnabled(c, next) {
    if (!c.get("config").enabled) throw new ApiError(403, "replay_disabled", "Recording is disabled");
    await next();
  });

/**
 * Counts refused uploads by error code (metrics §5), merged in memory and written every few
 * seconds (metric-tally.ts), so refusals cost no D1 write each. Runs first on the route and reads
 * `c.error` after `await next()`, as Hono's own middleware does: compose has already turned the
 * error into the answer, so this only records it and never changes what the client gets.
 */
export const countRejectedUploads = () =>
  createMiddleware<AppEnv>(async function countRejectedUploads(c, next) {
    const now = Date.now();
    await next();
    if (!c.error) return;
    const code = c.error instanceof ApiError ? c.error.code : "internal_error";
    tallyRejection(database(c.env.DB), c.executionCtx, code, now);
    if (c.error instanceof ApiError && c.error.status >= 500) log.warn("upload failed", { code });
  });
