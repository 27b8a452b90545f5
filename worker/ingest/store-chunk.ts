import type { Config } from "../config";
import { ApiError } from "../errors";
import { gzip } from "../crypto/codec";
import type { IncomingChunk } from "../session/incoming-chunk";
import { storeInSession } from "../session/session-stub";
import type { Upload } from "./parse-upload";
import type { ReadBody } from "./read-body";
import type { RedactionCounts } from "./scan/scan-events";
import type { ChunkBody } from "../storage/chunk-body";
import { redactUrl } from "./redact-url";
import { storageUnavailable } from "./storage-unavailable";
import { classifyDeviceCode } from "./classify-device";
import { EventType } from "../../protocol/rrweb";
import { digestEvents } from "../insights/insight-digest";

/** A validated upload after the server scan, with the body it came in. */
export interface ScannedUpload {
  upload: Upload;
  body: ReadBody;
  /** What the scan replaced (none: the events are as they were sent). */
  redactions: RedactionCounts;
}

/** What happened to an accepted chunk. */
export type StoreOutcome = { status: "stored"; bytes: number; events: number; watched: boolean } | { status: "duplicate" } | { status: "outside_window" };

/** Whether a chunk begins with a full snapshot (rrweb emits Meta then FullSnapshot at each checkout). */
export function startsWithFullSnapshot(events: Upload["events"]): boolean {
  return events[0]?.type === EventType.FullSnapshot || (events[0]?.type === EventType.Meta && events[1]?.type === EventType.FullSnapshot);
}

/** The redacted URL of the chunk's last Meta event, else of its meta, else null. */
function lastUrlOf(upload: Upload): string | null {
  const lastHref = upload.events.findLast((e) => e.type === EventType.Meta)?.data;
  if (lastHref && typeof lastHref === "object" && "href" in lastHref && typeof lastHref.href === "string") return redactUrl(lastHref.href);
  return upload.meta?.url ? redactUrl(upload.meta.url) : null;
}

/**
 * What is stored of the chunk (storage/chunk-body.ts): the body as it came, when the server scan
 * changed nothing and it holds only the envelope's fields; else the events, serialized again.
 */
function chunkBody(upload: Upload, body: ReadBody, scanChangedNothing: boolean): { stored: ChunkBody; rawBytes: number } {
  if (scanChangedNothing && upload.onlyKnownFields) {
    return { stored: { format: "upload", gzipped: body.gzipped ?? gzip(body.decoded) }, rawBytes: body.decoded.byteLength };
  }
  const json = new TextEncoder().encode(JSON.stringify(upload.events));
  return { stored: { format: "events", gzipped: gzip(json) }, rawBytes: json.byteLength };
}

/** The chunk as its session's object takes it: compressed here, so compression stays in the stateless worker. */
function describeChunk(config: Config, userId: string, scanned: ScannedUpload, now: number): IncomingChunk {
  const { upload } = scanned;
  const meta = upload.meta
    ? JSON.stringify({ ua: upload.meta.ua ?? null, viewport: upload.meta.viewport ?? null, url: upload.meta.url ? redactUrl(upload.meta.url) : null })
    : null;
  return {
    sessionId: upload.sessionId,
    seq: upload.seq,
    userId,
    ...chunkBody(upload, scanned.body, Object.keys(scanned.redactions).length === 0),
    eventCount: upload.events.length,
    startedAt: upload.events[0].timestamp,
    endedAt: upload.events[upload.events.length - 1].timestamp,
    hasFullSnapshot: startsWithFullSnapshot(upload.events),
    meta,
    device: upload.meta ? classifyDeviceCode(upload.meta) : null,
    lastUrl: lastUrlOf(upload),
    receivedAt: now,
    windowMs: config.windowMinutes * 60_000,
    insightDigest: digestEvents(upload.events),
  };
}

/**
 * Stores one validated chunk with ONE call into its session's object (the session's single
 * writer: owner, seqs, data key, window, R2, D1's index in batches), and turns its answer into the
 * upload's: 410 for an erased session, 403 for another user's, 503 (retry) for a storage fault.
 */
export async function storeChunk(env: Env, config: Config, userId: string, scanned: ScannedUpload, now: number): Promise<StoreOutcome> {
  const answer = await storeInSession(env, describeChunk(config, userId, scanned, now));
  switch (answer.status) {
    case "erased":
      throw new ApiError(410, "session_erased", "This session was erased and takes no more chunks");
    case "not_owner":
      throw new ApiError(403, "not_owner", "This session belongs to another user");
    case "unavailable":
      throw storageUnavailable();
    default:
      return answer;
  }
}
