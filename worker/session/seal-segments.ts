import { orUnavailable } from "../ingest/storage-unavailable";
import { toHex } from "../crypto/codec";
import { putChunkObject, putSegment } from "../storage/chunk-objects";
import { chunkKey, segmentKey } from "../storage/keys";
import type { KeptChunkTable, KeptRow, SealedBlob } from "./kept-chunks";

/**
 * A chunk's blob larger than this is put into R2 as an object of its own at once: a Durable
 * Object's SQLite holds values of at most 2 MB, and a chunk this large is worth its own write.
 */
export const BUFFER_MAX_BLOB_BYTES = 1_048_576; // 1 MiB
/** Blobs buffered in the object past this are written to R2 before the next chunk is taken. */
export const BUFFER_MAX_BYTES = 4_194_304; // 4 MiB
/** Most bytes one segment holds: a longer run of chunks goes into several. */
export const SEGMENT_MAX_BYTES = 8_388_608; // 8 MiB

/** Where a kept chunk's blob is now (`storageKey` null: the object buffers it, `blob`). */
export type BlobPlace = { storageKey: string | null; blob: Uint8Array | null };
/** A chunk encrypted and placed: its blob's place and size. */
export type PlacedChunk = BlobPlace & { bytes: number };

/**
 * Keeps a new chunk's encrypted blob: in the object until the next segment (most chunks), or in
 * R2 at once when it is too large to buffer. R2 then gets one write per segment instead of one
 * per chunk (issue 10: on the local stack an R2 put was the largest cost of an upload; on
 * Cloudflare, R2 class A operations are the costliest part of ingest).
 */
export async function placeBlob(bucket: R2Bucket, sessionId: string, seq: number, blob: Uint8Array): Promise<BlobPlace> {
  if (blob.byteLength <= BUFFER_MAX_BLOB_BYTES) return { storageKey: null, blob };
  await orUnavailable("put chunk", putChunkObject(bucket, sessionId, seq, blob));
  return { storageKey: chunkKey(sessionId, seq), blob: null };
}

/**
 * Which buffered chunks go into one segment: runs of the kept chunks in seq order, cut before
 * every chunk that begins with a full snapshot (sealed or not) and at SEGMENT_MAX_BYTES, so a
 * window trim, which always cuts at a full snapshot, drops whole segments.
 */
export function planSegments(rows: readonly KeptRow[]): KeptRow[][] {
  const groups: KeptRow[][] = [];
  let open: KeptRow[] = [];
  let bytes = 0;
  const close = () => {
    if (open.length) groups.push(open);
    open = [];
    bytes = 0;
  };
  for (const row of rows) {
    if (row.hasFullSnapshot) close();
    if (row.storageKey !== null) continue;
    if (bytes + row.bytes > SEGMENT_MAX_BYTES) close();
    open.push(row);
    bytes += row.bytes;
  }
  close();
  return groups;
}

/** A segment key's random part: a segment is never overwritten, so its key is never reused. */
function nonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(8)));
}

/**
 * Writes the object's buffered blobs into R2 as segments (planSegments), each one object of the
 * blobs end to end, and records where each chunk's bytes are. A failed put leaves the rest
 * buffered (throws the 503 of orUnavailable); the next flush tries again.
 */
export async function sealBuffered(bucket: R2Bucket, sessionId: string, chunks: KeptChunkTable): Promise<number> {
  let segments = 0;
  for (const group of planSegments(chunks.all())) {
    const blobs = chunks.blobs(group.map((r) => r.seq));
    const parts = group.map((r) => {
      const blob = blobs.get(r.seq);
      if (!blob) throw new Error(`buffered chunk ${r.seq} has no blob`);
      return { seq: r.seq, blob };
    });
    const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.blob.byteLength, 0));
    const key = segmentKey(sessionId, group[0].seq, nonce());
    const sealed: SealedBlob[] = [];
    let offset = 0;
    for (const p of parts) {
      joined.set(p.blob, offset);
      sealed.push({ seq: p.seq, storageKey: key, blobOffset: offset, blobLength: p.blob.byteLength });
      offset += p.blob.byteLength;
    }
    await orUnavailable("put segment", putSegment(bucket, key, joined));
    chunks.markSealed(sealed);
    segments++;
  }
  return segments;
}
