import type { UploadMeta } from "../../protocol/envelope";

/** One numbered chunk of a session, on its way to the server. */
export interface Chunk {
  sessionId: string;
  seq: number;
  /** The request body: gzip bytes, or the JSON text while not (or never) compressed. */
  body: Uint8Array | string;
  gzip: boolean;
  /** The gzip body in base64 when already made off the main thread (saves encoding it here). */
  base64?: string;
  createdAt: number;
  /** Resolves when compression has finished (or was skipped); the chunk is sent only after. */
  ready: Promise<void>;
  /** Whether the current body is in localStorage. */
  persisted: boolean;
}

/** The storage key of a chunk (unique per session and seq, so tabs never overwrite each other). */
export function chunkKey(sessionId: string, seq: number): string {
  return `${sessionId}:${seq}`;
}

/** Body size in bytes (a JSON text's UTF-8 length is at least its char count; close enough for bounds). */
export function bodyBytes(chunk: Pick<Chunk, "body">): number {
  return typeof chunk.body === "string" ? chunk.body.length : chunk.body.byteLength;
}

/** Builds the upload body's JSON text around an already serialized events array. */
export function buildBody(sessionId: string, seq: number, eventsJson: string, meta: UploadMeta): string {
  return `{"sessionId":${JSON.stringify(sessionId)},"seq":${seq},"events":${eventsJson},"meta":${JSON.stringify(meta)}}`;
}
