import { ApiError } from "../errors";
import { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES } from "../../protocol/envelope";

export { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES };

async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number, what: string): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new ApiError(413, "payload_too_large", `The ${what} is over ${maxBytes} bytes`);
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * Reads a request body as a stream with hard caps on wire and decoded size (Content-Length is
 * not trusted), gunzipping when `Content-Encoding: gzip`. Returns the decoded bytes.
 */
export async function readBody(req: Request): Promise<Uint8Array> {
  if (!req.body) throw new ApiError(400, "empty_body", "The request has no body");
  const encoding = (req.headers.get("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new ApiError(400, "unsupported_encoding", "Content-Encoding must be gzip or absent");
  }
  const wire = await readCapped(req.body, UPLOAD_MAX_WIRE_BYTES, "request body");
  if (encoding === "identity") return wire;
  try {
    const decoded = new Blob([wire]).stream().pipeThrough(new DecompressionStream("gzip"));
    return await readCapped(decoded, UPLOAD_MAX_DECODED_BYTES, "decompressed body");
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, "bad_gzip", "The body is not valid gzip");
  }
}
