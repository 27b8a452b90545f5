import { describe, expect, it } from "vitest";
import { ApiError } from "../../../worker/errors";
import { BOMB_PROBE_FIRST_BYTES, UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES, readBody } from "../../../worker/ingest/read-body";
import { countedBody, gzipBytes, gzipZeros } from "../../helpers/worker/gzip";
import { medianMs } from "../../helpers/worker/time";
import { seededRandom } from "../../helpers/seeded-random";

const GIB = 1 << 30;
const MIB = 1 << 20;
// Compressing the bombs takes seconds on a busy machine (the worker's part is what is timed).
const BOMB_TIMEOUT_MS = 120_000;

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("https://replay.test/api/replay/upload", { method: "POST", body, headers });

/** Text that gzip hardly shrinks (seeded, so runs repeat), `length` characters long. */
function noise(length: number): string {
  const random = seededRandom(1);
  return Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 90))).join("");
}

/** CRC-32 (IEEE), bit by bit: the test's own, not the worker's. */
function crc32Of(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

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
    const plain = await readBody(post(text));
    expect(new TextDecoder().decode(plain.decoded)).toBe(text);
    expect(plain.gzipped).toBeNull();
    const gzipped = await gzipBytes(text);
    for (const encoding of ["gzip", " GZIP "]) {
      const read = await readBody(post(gzipped, { "Content-Encoding": encoding }));
      expect(new TextDecoder().decode(read.decoded)).toBe(text);
      // The bytes as sent, kept for storing them as they are.
      expect(read.gzipped).toEqual(gzipped);
    }
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

  for (const size of [GIB, 200 * MIB]) {
    it(
      `refuses a ${size / MIB} MiB gzip bomb after reading only the first few KiB of it`,
      async () => {
        const bomb = await gzipZeros(size);
        const { stream, counter } = countedBody(bomb);
        expect(await codeOf(readBody(post(stream, { "Content-Encoding": "gzip" })))).toBe("413 payload_too_large");
        // Inflation stops at the decoded cap (~8 KiB of zeros' gzip), so the rest is never read nor inflated.
        expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
        expect(counter.pulled).toBeLessThan(bomb.byteLength / 3);
      },
      BOMB_TIMEOUT_MS,
    );
  }

  it(
    "refuses a 1 GiB bomb at no more cost than decoding a body exactly at the cap",
    async () => {
      const bomb = await gzipZeros(GIB);
      const atCap = await gzipZeros(UPLOAD_MAX_DECODED_BYTES);
      const gz = { "Content-Encoding": "gzip" };
      const capMs = await medianMs(5, async () => expect(await codeOf(readBody(post(atCap, gz)))).toBeNull());
      const bombMs = await medianMs(5, async () => expect(await codeOf(readBody(post(bomb, gz)))).toBe("413 payload_too_large"));
      // Both inflate about the cap's worth; inflating the whole bomb would be ~128 times the work.
      expect(bombMs).toBeLessThan(3 * capMs);
    },
    BOMB_TIMEOUT_MS,
  );

  // The trailer is checked whether the body was read in one piece or probed for a bomb on the way.
  it.each([
    ["a small body", "world".repeat(100), false],
    ["a body large enough to be probed", noise(3 * BOMB_PROBE_FIRST_BYTES), true],
  ])("refuses gzip of %s whose trailer does not match its data: corrupt CRC, wrong size, cut off, bytes after it", async (_, text, probed) => {
    const gz = await gzipBytes(JSON.stringify({ hello: text }));
    expect(gz.length > BOMB_PROBE_FIRST_BYTES).toBe(probed);
    const body = (bytes: Uint8Array) => (probed ? countedBody(bytes).stream : bytes);
    expect(new TextDecoder().decode((await readBody(post(body(gz), { "Content-Encoding": "gzip" }))).decoded)).toBe(JSON.stringify({ hello: text }));
    const flipped = (at: number) => gz.map((b, i) => (i === at ? b ^ 0xff : b));
    for (const bad of [
      flipped(gz.length - 6),
      flipped(gz.length - 2),
      gz.subarray(0, gz.length - 3),
      new Uint8Array([...gz, 0, 0, 0, 0]),
      new Uint8Array([...gz, ...new TextEncoder().encode("trailing text after the member")]),
    ]) {
      expect(await codeOf(readBody(post(body(bad), { "Content-Encoding": "gzip" })))).toBe("400 bad_gzip");
    }
  });

  it("refuses concatenated gzip members; an empty member before the data decodes to the data alone", async () => {
    const text = JSON.stringify({ hello: "world" });
    const gz = await gzipBytes(text);
    const empty = await gzipBytes("");
    for (const bad of [new Uint8Array([...gz, ...gz]), new Uint8Array([...gz, ...empty])]) {
      expect(await codeOf(readBody(post(bad, { "Content-Encoding": "gzip" })))).toBe("400 bad_gzip");
    }
    const read = await readBody(post(new Uint8Array([...empty, ...gz]), { "Content-Encoding": "gzip" }));
    expect(new TextDecoder().decode(read.decoded)).toBe(text);
  });

  it("reads gzip headers with a file name and a header CRC (RFC 1952), and refuses a wrong header CRC", async () => {
    const text = JSON.stringify({ hello: "named" });
    const gz = await gzipBytes(text);
    const header = [...gz.subarray(0, 10)];
    header[3] |= 0x08 | 0x02; // FNAME, FHCRC
    const named = [...header, ...new TextEncoder().encode("chunk.json"), 0];
    const crc16 = crc32Of(new Uint8Array(named)) & 0xffff;
    const withCrc = (crc: number) => new Uint8Array([...named, crc & 0xff, crc >> 8, ...gz.subarray(10)]);
    const read = await readBody(post(withCrc(crc16), { "Content-Encoding": "gzip" }));
    expect(new TextDecoder().decode(read.decoded)).toBe(text);
    expect(await codeOf(readBody(post(withCrc(crc16 ^ 1), { "Content-Encoding": "gzip" })))).toBe("400 bad_gzip");
  });

  it("refuses bad gzip, unknown encodings and missing bodies", async () => {
    expect(await codeOf(readBody(post("plain", { "Content-Encoding": "gzip" })))).toBe("400 bad_gzip");
    expect(await codeOf(readBody(post("plain", { "Content-Encoding": "deflate" })))).toBe("400 unsupported_encoding");
    expect(await codeOf(readBody(post(null)))).toBe("400 empty_body");
  });
});
