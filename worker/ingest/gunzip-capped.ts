import { constants, crc32, gunzipSync } from "node:zlib";
import { ApiError } from "../errors";

/** A gzip member ends with the CRC-32 of its data and the data's size modulo 2^32 (RFC 1952 §2.3). */
const TRAILER_BYTES = 8;

const badGzip = () => new ApiError(400, "bad_gzip", "The body is not valid gzip");
const tooLarge = (maxBytes: number) => new ApiError(413, "payload_too_large", `The decoded body is over ${maxBytes} bytes`);

/** Gunzip with the output capped: a RangeError past it (workerd: "Memory limit exceeded"), an Error for bad data. */
function inflate(gzipped: Uint8Array, maxBytes: number, partial = false): Uint8Array {
  return gunzipSync(gzipped, { maxOutputLength: maxBytes, ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}) });
}

/**
 * Whether the first bytes of a gzip body already inflate past `maxBytes` (a bomb), told before
 * the rest of it is read. A cut-off or malformed start is not judged here: `gunzipCapped` does.
 */
export function inflatesPastCap(start: Uint8Array, maxBytes: number): boolean {
  try {
    inflate(start, maxBytes, true);
    return false;
  } catch (err) {
    return err instanceof RangeError;
  }
}

/**
 * Gunzips a whole body with the runtime's native zlib in one synchronous call (issue 10: the
 * stream classes cost an upload ~0.3 ms more), refusing it with 413 once the output passes
 * `maxBytes`: zlib stops there, so a bomb costs what a body at the cap costs (issue 9), whatever
 * it would inflate to. zlib checks the header, each member's CRC-32 and size, and the end of the
 * data; the last 8 bytes must also be the trailer of the whole output, so concatenated members and
 * bytes after the member are 400 `bad_gzip`, as a corrupt or truncated body is. (Bytes crafted to
 * repeat that trailer, or empty members before the data, decode to the same output, and stored
 * bodies are decoded by this same zlib: storage/chunk-body.ts.)
 */
export function gunzipCapped(body: Uint8Array, maxBytes: number): Uint8Array {
  if (body.length < TRAILER_BYTES) throw badGzip();
  let out: Uint8Array;
  try {
    out = inflate(body, maxBytes);
  } catch (err) {
    throw err instanceof RangeError ? tooLarge(maxBytes) : badGzip();
  }
  const trailer = new DataView(body.buffer, body.byteOffset + body.length - TRAILER_BYTES, TRAILER_BYTES);
  if (trailer.getUint32(0, true) !== crc32(out) >>> 0 || trailer.getUint32(4, true) !== out.length % 2 ** 32) throw badGzip();
  return out;
}
