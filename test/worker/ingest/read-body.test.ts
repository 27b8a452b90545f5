import { describe, expect, it } from "vitest";
import { ApiError } from "../../../worker/errors";
import { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES, readBody } from "../../../worker/ingest/read-body";
import { gzipBytes, gzipZeros } from "../../helpers/worker/gzip";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request("https://replay.test/api/replay/upload", { method: "POST", body, headers });

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof ApiError) return `${err.status} ${err.code}`;
    throw err;
  }
}

describe("readBody", () => {
  it("returns plain bytes unchanged and gunzips gzip bodies", async () => {
    const text = JSON.stringify({ hello: "wörld" });
    expect(new TextDecoder().decode(await readBody(post(text)))).toBe(text);
    expect(new TextDecoder().decode(await readBody(post(await gzipBytes(text), { "Content-Encoding": "gzip" })))).toBe(text);
    expect(new TextDecoder().decode(await readBody(post(await gzipBytes(text), { "Content-Encoding": " GZIP " })))).toBe(text);
  });

  it("caps the wire size exactly, whatever Content-Length says", async () => {
    expect(await codeOf(readBody(post(new Uint8Array(UPLOAD_MAX_WIRE_BYTES))))).toBeNull();
    expect(await codeOf(readBody(post(new Uint8Array(UPLOAD_MAX_WIRE_BYTES + 1))))).toBe("413 payload_too_large");
    const stream = new Blob([new Uint8Array(UPLOAD_MAX_WIRE_BYTES * 4)]).stream();
    expect(await codeOf(readBody(post(stream, { "Content-Length": "5" })))).toBe("413 payload_too_large");
  });

  it("caps the decoded size exactly", async () => {
    expect(await codeOf(readBody(post(await gzipZeros(UPLOAD_MAX_DECODED_BYTES), { "Content-Encoding": "gzip" })))).toBeNull();
    expect(await codeOf(readBody(post(await gzipZeros(UPLOAD_MAX_DECODED_BYTES + 1), { "Content-Encoding": "gzip" })))).toBe("413 payload_too_large");
  });

  it("refuses bad gzip, unknown encodings and missing bodies", async () => {
    expect(await codeOf(readBody(post("plain", { "Content-Encoding": "gzip" })))).toBe("400 bad_gzip");
    expect(await codeOf(readBody(post("plain", { "Content-Encoding": "deflate" })))).toBe("400 unsupported_encoding");
    expect(await codeOf(readBody(post(null)))).toBe("400 empty_body");
  });
});
