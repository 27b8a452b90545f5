// Upload bodies as the recorder sends them (protocol/envelope.ts, gzip like CompressionStream), made
// cheaply enough to give every session its own id while the load runs. Compressing 200 KB per
// request in the load generator would take the CPU that the workers under test need (2 shared
// cores), so each chunk's events are deflated once and only a few bytes differ per upload.
//
// A gzip member is a header, one DEFLATE stream and CRC-32 + length (RFC 1952). The events part is
// deflated once, ending on a full flush (byte-aligned, no final block); each upload appends its
// own tail (`"seq":n,"sessionId":"…"}`) deflated as an independent final block, and the CRC-32
// continues from the events part's. The JSON is the recorder's envelope with the keys reordered.
import { constants, crc32, deflateRawSync, gunzipSync } from "node:zlib";
import { tabChunks } from "./page-events.mjs";

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
const META = {
  ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
  viewport: { width: 1280, height: 720 },
};

/** Deflates the envelope up to the tail once; returns what `bodyFor` splices onto. */
function prepareChunk(events) {
  const head = Buffer.from(`{"events":${JSON.stringify(events)},"meta":${JSON.stringify({ ...META, url: "https://app.example.com/orders" })},`);
  return { deflated: deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH }), crc: crc32(head), rawBytes: head.length, events };
}

/** Every chunk of one tab, ready to send for any session id (a checkout every `checkoutEvery` chunks). */
export function prepareTab(chunks, checkoutEvery = Infinity, t0 = Date.now()) {
  return tabChunks(chunks, t0, 1, checkoutEvery).map(prepareChunk);
}

/** The gzip body of chunk `seq` of session `sessionId`. */
export function bodyFor(prepared, sessionId, seq) {
  const tail = Buffer.from(`"seq":${seq},"sessionId":"${sessionId}"}`);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, prepared.crc), 0);
  trailer.writeUInt32LE((prepared.rawBytes + tail.length) >>> 0, 4);
  return Buffer.concat([GZIP_HEADER, prepared.deflated, deflateRawSync(tail), trailer]);
}

/** Sizes of the prepared chunks (raw JSON and gzip), for the report; also checks each body inflates to the envelope. */
export function describeTab(prepared) {
  return prepared.map((p, seq) => {
    const body = bodyFor(p, "00000000-0000-4000-8000-000000000000", seq);
    const envelope = JSON.parse(gunzipSync(body).toString("utf8"));
    if (envelope.seq !== seq || envelope.events.length !== p.events.length) throw new Error(`chunk ${seq} does not round-trip`);
    return { seq, events: p.events.length, rawBytes: p.rawBytes, gzipBytes: body.length };
  });
}
