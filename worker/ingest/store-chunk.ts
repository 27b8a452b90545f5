import type { Config } from "../config";
import type { Database } from "../db/client";
import { ApiError } from "../errors";
import { claimSession, indexChunk, readSessionState, chunkExists } from "../db/ingest-queries";
import { createSessionKey, unwrapSessionKey } from "../crypto/session-key";
import { encryptChunk } from "../crypto/chunk-cipher";
import { fromBase64, gzip, toBase64 } from "../crypto/codec";
import { deleteObject, putChunkObject } from "../storage/chunk-objects";
import { chunkKey, sessionPrefix } from "../storage/keys";
import { trimToWindow } from "./trim-window";
import type { Upload } from "./parse-upload";
import { redactUrl } from "./redact-url";
import { classifyDeviceCode } from "./classify-device";
import { orUnavailable } from "./storage-unavailable";
import { describeError, log } from "../log";
import { EventType } from "../../protocol/rrweb";

/** What happened to an accepted chunk. */
export type StoreOutcome = { status: "stored"; bytes: number; events: number } | { status: "duplicate" } | { status: "outside_window" };

/** Whether a chunk begins with a full snapshot (rrweb emits Meta then FullSnapshot at each checkout). */
export function startsWithFullSnapshot(events: Upload["events"]): boolean {
  return events[0]?.type === EventType.FullSnapshot || (events[0]?.type === EventType.Meta && events[1]?.type === EventType.FullSnapshot);
}

async function sessionKeyFor(db: Database, config: Config, upload: Upload, userId: string, now: number) {
  const state = await orUnavailable("read session", readSessionState(db, upload.sessionId, upload.seq));
  if (state.erased) throw new ApiError(410, "session_erased", "This session was erased and takes no more chunks");
  if (state.ownerId !== null && state.ownerId !== userId) throw new ApiError(403, "not_owner", "This session belongs to another user");
  if (state.chunkExists) return { duplicate: true as const };
  if (state.ownerId !== null && upload.seq < state.keptFromSeq) return { outsideWindow: true as const };
  let stored = state.key;
  if (!stored) {
    const fresh = await createSessionKey(config);
    const claimed = await orUnavailable(
      "claim session",
      claimSession(db, {
        sessionId: upload.sessionId,
        userId,
        storageKey: sessionPrefix(upload.sessionId),
        wrappedKey: toBase64(fresh.wrapped),
        masterKeyId: fresh.masterKeyId,
        now,
      }),
    );
    if (claimed.ownerId !== userId) throw new ApiError(403, "not_owner", "This session belongs to another user");
    if (!claimed.key) throw new ApiError(410, "session_erased", "This session was erased and takes no more chunks");
    stored = claimed.key;
  }
  return { key: await unwrapSessionKey(fromBase64(stored.wrappedKey), stored.masterKeyId, config) };
}

/**
 * Stores one validated chunk: claim the session (owner and data key), encrypt the gzipped events
 * and put them at a deterministic R2 key, then index them in one D1 batch, then trim to the window
 * (by the server's clock at `now`, too). A storage failure up to the index answers 503 so the
 * client retries onto the same key.
 */
export async function storeChunk(env: Env, db: Database, config: Config, userId: string, upload: Upload, now: number): Promise<StoreOutcome> {
  const resolved = await sessionKeyFor(db, config, upload, userId, now);
  if ("duplicate" in resolved) return { status: "duplicate" };
  if ("outsideWindow" in resolved) return { status: "outside_window" };

  const json = new TextEncoder().encode(JSON.stringify(upload.events));
  const blob = await encryptChunk(resolved.key, upload.sessionId, upload.seq, await gzip(json));
  const key = chunkKey(upload.sessionId, upload.seq);
  await orUnavailable("put chunk", putChunkObject(env.CHUNKS, upload.sessionId, upload.seq, blob));

  const meta = upload.meta
    ? JSON.stringify({ ua: upload.meta.ua ?? null, viewport: upload.meta.viewport ?? null, url: upload.meta.url ? redactUrl(upload.meta.url) : null })
    : null;
  const lastHref = [...upload.events].reverse().find((e) => e.type === EventType.Meta)?.data;
  const lastUrl =
    lastHref && typeof lastHref === "object" && "href" in lastHref && typeof lastHref.href === "string"
      ? redactUrl(lastHref.href)
      : upload.meta?.url
        ? redactUrl(upload.meta.url)
        : null;
  const row = {
    sessionId: upload.sessionId,
    seq: upload.seq,
    startedAt: upload.events[0].timestamp,
    endedAt: upload.events[upload.events.length - 1].timestamp,
    bytes: blob.byteLength,
    rawBytes: json.byteLength,
    eventCount: upload.events.length,
    hasFullSnapshot: startsWithFullSnapshot(upload.events),
    storageKey: key,
  };
  // A failure from here on leaves at most an object without a row: the retry lands on the same key.
  const inserted = await orUnavailable(
    "index chunk",
    indexChunk(db, userId, row, { meta, lastUrl, now, device: upload.meta ? classifyDeviceCode(upload.meta) : null }),
  );
  if (!inserted) {
    if (await orUnavailable("check chunk", chunkExists(db, upload.sessionId, upload.seq))) return { status: "duplicate" };
    // The session was erased, or the window moved past this seq, while we wrote: leave nothing behind.
    await orUnavailable("delete chunk", deleteObject(env.CHUNKS, key));
    const state = await orUnavailable("read session", readSessionState(db, upload.sessionId, upload.seq));
    if (state.erased || state.ownerId === null || !state.key) throw new ApiError(410, "session_erased", "This session was erased and takes no more chunks");
    // Only trimmed: the session goes on, so the recorder must not be told it is gone.
    return { status: "outside_window" };
  }
  try {
    await trimToWindow(env, db, upload.sessionId, { windowMs: config.windowMinutes * 60_000, now });
  } catch (err) {
    // The chunk is stored; the next stored chunk trims again, and the cron reaps objects left behind.
    log.warn("window trim failed", { sessionId: upload.sessionId, error: describeError(err) });
  }
  return { status: "stored", bytes: blob.byteLength, events: upload.events.length };
}
