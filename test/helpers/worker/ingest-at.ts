import { env } from "cloudflare:workers";
import { readConfig } from "../../../worker/config";
import { parseUpload } from "../../../worker/ingest/parse-upload";
import { scanUpload } from "../../../worker/ingest/scan/scan-events";
import { storeChunk, type StoreOutcome } from "../../../worker/ingest/store-chunk";
import { chunkEvents } from "./events";
import type { UploadBody } from "./upload";
import { flushIndex } from "./session-object";

/**
 * Stores one chunk the way the upload route does, with the server's clock at `now`: the route
 * passes Date.now() to parsing and storing, and workerd has no fake clock, so tests of receive
 * times call the same functions with their own `now`.
 */
export function storeAt(now: number, userId: string, body: UploadBody): Promise<StoreOutcome> {
  const decoded = new TextEncoder().encode(JSON.stringify(body));
  const upload = parseUpload(decoded, now);
  const redactions = scanUpload(upload);
  return storeChunk(env, readConfig(env), userId, { upload, body: { decoded, gzipped: null }, redactions }, now);
}

/** How a session seeded with `seedSessionAt` looks. */
export interface SeedAt {
  /** Chunks in the session (default 2). */
  chunks?: number;
  /** Time between chunks, received and recorded (default 5 s). */
  spanMs?: number;
  /** Which chunks begin with a full snapshot (default only chunk 0). */
  checkout?: (seq: number) => boolean;
  /** The page's clock at chunk 0 (default: the same as the server's). */
  eventStart?: number;
}

/** Stores a session whose chunk `seq` is received at `receivedAt + seq * spanMs`; returns its id. */
export async function seedSessionAt(receivedAt: number, userId: string, opts: SeedAt = {}): Promise<string> {
  const { chunks = 2, spanMs = 5_000, checkout = (seq: number) => seq === 0, eventStart = receivedAt } = opts;
  const sessionId = crypto.randomUUID();
  for (let seq = 0; seq < chunks; seq++) {
    const events = chunkEvents(eventStart + seq * spanMs, spanMs - 1, { checkout: checkout(seq) });
    const outcome = await storeAt(receivedAt + seq * spanMs, userId, { sessionId, seq, events });
    if (outcome.status === "duplicate") throw new Error(`chunk ${seq} of ${sessionId} was already stored`);
  }
  // As its end alarm does once chunks stop: retention and the cron read D1.
  await flushIndex(sessionId);
  return sessionId;
}

/** `count` one-chunk sessions of `userId`, the first received at `firstAt` and each a minute after the one before; their ids in that order. */
export async function seedSessionsFrom(firstAt: number, userId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await seedSessionAt(firstAt + i * 60_000, userId, { chunks: 1 }));
  return ids;
}
