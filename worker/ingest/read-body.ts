import { ApiError } from "../errors";
import { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES } from "../../protocol/envelope";
import { CappedGunzip } from "./gunzip-capped";
import { joinBytes } from "./join-bytes";
import { readCapped } from "./read-capped";

export { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES };

/** Where the bytes of a body go as they arrive: kept as they are, or inflated. */
interface BodySink {
  push(bytes: Uint8Array): void | Promise<void>;
  finish(): Uint8Array | Promise<Uint8Array>;
  /** Drops what was taken (the body is refused). */
  abort?(): void;
}

/** Keeps plain bytes as they arrive (the wire cap bounds them). */
class PlainBody implements BodySink {
  private readonly parts: Uint8Array[] = [];
  private total = 0;

  push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.total += bytes.byteLength;
  }

  finish(): Uint8Array {
    return joinBytes(this.parts, this.total);
  }
}

/** A body as read: its decoded bytes, and the gzip bytes as sent when it came gzipped (kept as they are when nothing in them changes). */
export interface ReadBody {
  decoded: Uint8Array;
  gzipped: Uint8Array | null;
}

/**
 * Reads a request body as a stream with hard caps on wire and decoded size (Content-Length is
 * not trusted), gunzipping as the bytes arrive when `Content-Encoding: gzip`: a body is refused
 * the moment either cap is passed, and nothing more of it is read.
 */
export async function readBody(req: Request): Promise<ReadBody> {
  if (!req.body) throw new ApiError(400, "empty_body", "The request has no body");
  const encoding = (req.headers.get("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new ApiError(400, "unsupported_encoding", "Content-Encoding must be gzip or absent");
  }
  const wire = new PlainBody();
  const inflater = encoding === "gzip" ? new CappedGunzip(UPLOAD_MAX_DECODED_BYTES) : null;
  const sink: BodySink = inflater ?? wire;
  const reader = req.body.getReader();
  try {
    await readCapped(reader, UPLOAD_MAX_WIRE_BYTES, "request body", (bytes) => {
      if (inflater) wire.push(bytes);
      return sink.push(bytes);
    });
  } catch (err) {
    sink.abort?.();
    await reader.cancel().catch(() => {});
    throw err;
  } finally {
    reader.releaseLock();
  }
  const decoded = await sink.finish();
  return { decoded, gzipped: inflater ? wire.finish() : null };
}
