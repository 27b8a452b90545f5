import { Gunzip } from "fflate";
import { ApiError } from "../errors";
import { joinBytes } from "./join-bytes";

/**
 * Compressed bytes inflated per step. Deflate expands at most ~1,032:1, so one step yields at most
 * ~2 MiB, and a bomb stops within one step of the cap: work and memory follow the cap, never the
 * inflated size. (The platform's DecompressionStream inflates each written chunk whole, however
 * little of its output is read: a 1 MB body inflating to 1 GiB cost 1.7 s of CPU, issue 9.)
 */
export const INFLATE_STEP_INPUT_BYTES = 2_048;
/** A gzip member ends with CRC-32 and the input size modulo 2^32 (RFC 1952 §2.3). */
const TRAILER_BYTES = 8;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) for (let i = 0; i < part.length; i++) crc = CRC_TABLE[(crc ^ part[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const badGzip = () => new ApiError(400, "bad_gzip", "The body is not valid gzip");

/**
 * Gunzips a body fed in pieces as it arrives, refusing it with 413 as soon as the output passes
 * `maxBytes`. One gzip member, as CompressionStream("gzip") makes: its CRC-32 and size are
 * checked at the end (fflate does not check them), so a corrupt, truncated or concatenated body
 * is 400 `bad_gzip`.
 */
export class CappedGunzip {
  private readonly parts: Uint8Array[] = [];
  private total = 0;
  /** The last TRAILER_BYTES bytes of input seen: the trailer, once the input ends. */
  private tail = new Uint8Array(0);
  private readonly inflater = new Gunzip((data) => {
    this.total += data.length;
    if (this.total > this.maxBytes) throw new ApiError(413, "payload_too_large", `The decompressed body is over ${this.maxBytes} bytes`);
    this.parts.push(data);
  });

  constructor(private readonly maxBytes: number) {}

  /** Inflates `input`, a step of INFLATE_STEP_INPUT_BYTES at a time. */
  push(input: Uint8Array): void {
    for (let i = 0; i < input.length; i += INFLATE_STEP_INPUT_BYTES) this.step(input.subarray(i, i + INFLATE_STEP_INPUT_BYTES), false);
    const joined = new Uint8Array(this.tail.length + input.length);
    joined.set(this.tail);
    joined.set(input, this.tail.length);
    this.tail = joined.slice(-TRAILER_BYTES);
  }

  /** Ends the input; returns the decoded bytes once the trailer matches them. */
  finish(): Uint8Array {
    this.step(new Uint8Array(0), true);
    if (this.tail.length < TRAILER_BYTES) throw badGzip();
    const trailer = new DataView(this.tail.buffer, this.tail.byteOffset, TRAILER_BYTES);
    if (trailer.getUint32(0, true) !== crc32(this.parts) || trailer.getUint32(4, true) !== this.total % 2 ** 32) throw badGzip();
    return joinBytes(this.parts, this.total);
  }

  private step(input: Uint8Array, final: boolean): void {
    try {
      this.inflater.push(input, final);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw badGzip();
    }
  }
}
