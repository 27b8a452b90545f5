import { Hono } from "hono";
import type { AppEnv } from "../context";
import { requireUser } from "../auth/require-identity";
import { readBody } from "../ingest/read-body";
import { parseUpload } from "../ingest/parse-upload";
import { database } from "../db/client";
import { storeChunk } from "../ingest/store-chunk";
import { redactionMetrics, scanUpload } from "../ingest/scan/scan-events";
import { tallyMetrics } from "../ingest/metric-tally";
import { limitAuthFailures, rateLimitUploads } from "../http/rate-limit";
import { countRejectedUploads, requireRecordingEnabled } from "../ingest/upload-middleware";
import { requestUserErasure } from "../lifecycle/deletion";
import { recordAudit } from "../audit/record-audit";
import { buildReplayConfig } from "../../protocol/replay-config";

/** Recording API used by the recorder (contract §3). */
export const replayRoutes = new Hono<AppEnv>();

replayRoutes.get("/config", (c) => {
  return c.json(buildReplayConfig(c.get("config")), 200, { "Cache-Control": "no-store" });
});

replayRoutes.post("/upload", countRejectedUploads(), requireRecordingEnabled(), limitAuthFailures(), requireUser(), async (c) => {
  const now = Date.now();
  const userId = c.get("identity").userId;
  await rateLimitUploads(c.env, userId);
  const body = await readBody(c.req.raw);
  const upload = parseUpload(body.decoded, now);
  const redactions = scanUpload(upload);
  const outcome = await storeChunk(c.env, c.get("config"), userId, { upload, body, redactions }, now);
  if (outcome.status === "stored") {
    // Merged in memory and written every few seconds per isolate, not once per chunk.
    tallyMetrics(
      database(c.env.DB),
      c.executionCtx,
      [
        { name: "uploads", value: 1 },
        { name: "events", value: outcome.events },
        { name: "bytes", value: outcome.bytes },
        { name: "capture_errors", value: upload.meta?.captureErrors ?? 0 },
        ...redactionMetrics(redactions),
      ],
      now,
    );
  }
  // While anyone watches the session live, the recorder is told to send faster.
  const watched = outcome.status === "stored" && outcome.watched;
  return c.json({ ok: true, sessionId: upload.sessionId, seq: upload.seq, ...(watched ? { watched: true } : {}) });
});

replayRoutes.delete("/me", limitAuthFailures(), requireUser(), async (c) => {
  const userId = c.get("identity").userId;
  const db = database(c.env.DB);
  // Recorded first: the erasure may complete at once, and its completion pseudonymizes this entry's actor.
  await recordAudit(db, [{ action: "deletion_requested", actorType: "user", actor: userId, sessionId: null, at: Date.now() }]);
  const request = await requestUserErasure(c.env, db, { userId, requestedBy: userId, source: "self" }, c.executionCtx);
  return c.json({ ok: true, requestId: request.id }, 202);
});
