import { ApiError } from "../errors";
import { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES } from "../../protocol/envelope";
import { gunzipCapped, inflatesPastCap } from "./gunzip-capped";
import { joinBytes } from "./join-bytes";
import { readCapped } from "./read-capped";

export { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES };

/**
 * A gzip body's first bytes are tried against the decoded cap once this much has arrived, then at
 * each doubling: a bomb is refused after its first few KiB, not read to the wire cap, and a
 * recorder's chunk (4–28 KB of gzip) is inflated once, whole. Tries cost at most the body's own
 * inflate again.
 */
export const BOMB_PROBE_FIRST_BYTES = 32_768;

/** A body as read: its decoded bytes, and the gzip bytes as sent when it came gzipped (kept as they are when nothing in them changes). */
export interface ReadBody {
  decoded: Uint8Array;
  gzipped: Uint8Array | null;
}

/**
 * Reads a request body as a stream with hard caps on wire and decoded size (Content-Length is
 * not trusted), then gunzips it when `Content-Encoding: gzip`: a body is refused the moment the
 * wire cap is passed, or its start already inflates past the decoded cap, and nothing more of it
 * is read.
 */
export async function readBody(req: Request): Promise<ReadBody> {
  if (!req.body) throw new ApiError(400, "empty_body", "The request has no body");
  const encoding = (req.headers.get("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new ApiError(400, "unsupported_encoding", "Content-Encoding must be gzip or absent");
  }
  const gzipped = encoding === "gzip";
  const parts: Uint8Array[] = [];
  let total = 0;
  let probeAt = BOMB_PROBE_FIRST_BYTES;
  const reader = req.body.getReader();
  try {
    await readCapped(reader, UPLOAD_MAX_WIRE_BYTES, "request body", (bytes) => {
      parts.push(bytes);
      total += bytes.byteLength;
      if (!gzipped || total < probeAt) return;
      probeAt = total * 2;
      if (inflatesPastCap(joinBytes(parts, total), UPLOAD_MAX_DECODED_BYTES)) {
        throw new ApiError(413, "payload_too_large", `The decoded body is over ${UPLOAD_MAX_DECODED_BYTES} bytes`);
      }
    });
  } catch (err) {
    await reader.cancel().catch(() => {});
    throw err;
  } finally {
    reader.releaseLock();
  }
  const wire = parts.length === 1 ? parts[0] : joinBytes(parts, total);
  return gzipped ? { decoded: gunzipCapped(wire, UPLOAD_MAX_DECODED_BYTES), gzipped: wire } : { decoded: wire, gzipped: null };
}
