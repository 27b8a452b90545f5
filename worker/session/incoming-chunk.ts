import type { InsightDigest } from "../insights/insight-digest";
import type { ChunkBody } from "../storage/chunk-body";

/**
 * What the upload worker hands a session's object in its one RPC: a chunk it has authenticated,
 * read, validated and scanned, compressed already (compression stays in the stateless worker).
 */
export interface IncomingChunk {
  sessionId: string;
  seq: number;
  /** The token's `sub`: the session's owner at its first chunk, checked against it after. */
  userId: string;
  /** What is encrypted and stored: a signed URL returns its events. */
  stored: ChunkBody;
  /** The stored JSON's size before gzip. */
  rawBytes: number;
  eventCount: number;
  startedAt: number;
  endedAt: number;
  hasFullSnapshot: boolean;
  /** JSON of the upload's meta (ua, viewport, redacted url), or null when it had none. */
  meta: string | null;
  /** Device type code classified from this upload's meta (null when it had none). */
  device: number | null;
  /** The redacted URL of the chunk's last page, or null. */
  lastUrl: string | null;
  /** When the upload was received, by the server's clock. */
  receivedAt: number;
  /** REPLAY_WINDOW_MINUTES in ms, as the worker read it. */
  windowMs: number;
  /** What insight detection reads of the events (not the events: the RPC stays small). */
  insightDigest: InsightDigest;
}

/** The object's answer, which the route turns into the same HTTP answers as before (contract §3). */
export type ChunkAnswer =
  | { status: "stored"; bytes: number; events: number; watched: boolean }
  | { status: "duplicate" }
  | { status: "outside_window" }
  | { status: "erased" }
  | { status: "not_owner" }
  /** D1 or R2 failed: the client retries the same chunk (503). */
  | { status: "unavailable" };
