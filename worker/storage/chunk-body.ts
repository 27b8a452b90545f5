import { gunzip } from "../crypto/codec";

/**
 * What a stored chunk's plaintext holds, gzipped: `events`, the events' JSON array (the worker
 * re-serialized them, because the server scan changed something or the upload carried fields it
 * does not keep); or `upload`, the upload's envelope exactly as the recorder sent it (issue 10:
 * most uploads need no change, and re-serializing and re-gzipping them was ~12 % of an upload's
 * CPU). Either way a signed URL returns the events only (contract §6).
 */
export type ChunkFormat = "events" | "upload";

export interface ChunkBody {
  format: ChunkFormat;
  gzipped: Uint8Array;
}

/** The events' JSON text of a stored chunk. */
export function eventsJsonOf(body: ChunkBody): string {
  const text = new TextDecoder().decode(gunzip(body.gzipped));
  if (body.format === "events") return text;
  const envelope: unknown = JSON.parse(text);
  const events = typeof envelope === "object" && envelope !== null && "events" in envelope ? envelope.events : undefined;
  if (!Array.isArray(events)) throw new Error("stored upload has no events");
  return JSON.stringify(events);
}
