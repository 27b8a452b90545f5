import { Hono } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { requireUser } from "../auth/require-identity";
import { readBody } from "../http/read-body";
import { parseUpload } from "../validation/upload";
import { database } from "../db/client";
import { storeChunk } from "../ingest/store-chunk";
import { addMetrics } from "../db/metrics-queries";
import { rateLimitUploads } from "../http/rate-limit";
import { requestUserErasure } from "../lifecycle/deletion";
import { log } from "../log";
import { buildReplayConfig } from "../../protocol/replay-config";

/** Recording API used by the recorder (contract §3). */
export const replayRoutes = new Hono<AppEnv>();

replayRoutes.get("/config", (c) => {
  return c.json(buildReplayConfig(c.get("config")), 200, { "Cache-Control": "no-store" });
});

replayRoutes.post("/upload", async (c) => {
  const db = database(c.env.DB);
  const now = Date.now();
  try {
    const config = c.get("config");
    if (!config.enabled) throw new ApiError(403, "replay_disabled", "Recording is disabled");
    // Auth runs inline (not as route middleware) so that its rejections are counted below too.
    await requireUser()(c, async () => {});
    const userId = c.get("identity").userId;
    await rateLimitUploads(c.env, userId);
    const upload = parseUpload(await readBody(c.req.raw), now);
    const outcome = await storeChunk(c.env, db, config, userId, upload, now);
    if (outcome.status === "stored") {
      c.executionCtx.waitUntil(
        addMetrics(db, now, [
          { name: "uploads", value: 1 },
          { name: "events", value: outcome.events },
          { name: "bytes", value: outcome.bytes },
          { name: "capture_errors", value: upload.meta?.captureErrors ?? 0 },
        ]).catch(() => log.warn("metrics write failed")),
      );
    }
    return c.json({ ok: true, sessionId: upload.sessionId, seq: upload.seq });
  } catch (err) {
    const code = err instanceof ApiError ? err.code : "internal_error";
    c.executionCtx.waitUntil(addMetrics(db, now, [{ name: "rejected", label: code, value: 1 }]).catch(() => log.warn("metrics write failed")));
    if (err instanceof ApiError && err.status >= 500) log.warn("upload failed", { code });
    throw err;
  }
});

replayRoutes.delete("/me", requireUser(), async (c) => {
  const userId = c.get("identity").userId;
  const request = await requestUserErasure(c.env, database(c.env.DB), { userId, requestedBy: userId, source: "self" }, c.executionCtx);
  return c.json({ ok: true, requestId: request.id }, 202);
});
