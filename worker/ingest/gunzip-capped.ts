import { ApiError } from "../errors";
import { joinBytes } from "./join-bytes";
import { readCapped } from "./read-capped";

/**
 * Compressed bytes written to the inflater per step. Deflate expands at most ~1,032:1, so one step
 * yields at most ~8 MiB (the decoded cap), and a bomb stops within one step of the cap: work and
 * memory follow the cap, never the inflated size. A recorder's chunk (4–28 KB of gzip) takes 1–4 steps. The runtime's DecompressionStream inflates each written chunk
 * whole, however little of its output is read (a 1 MB body written at once, inflating to 1 GiB,
 * cost 1.7 s of CPU, issue 9), so the bound is in what is written, a step at a time.
 */
export const INFLATE_STEP_INPUT_BYTES = 8_192;
/** A gzip member ends with CRC-32 and the input size modulo 2^32 (RFC 1952 §2.3). */
const TRAILER_BYTES = 8;

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const badGzip = () => new ApiError(400, "bad_gzip", "The body is not valid gzip");

/**
 * Gunzips a body fed in pieces as it arrives, with the runtime's native inflater (zlib: ~5× less
 * CPU than inflating in JS, issue 10), refusing it with 413 as soon as the output passes
 * `maxBytes`. One gzip member, as CompressionStream("gzip") makes: zlib checks its CRC-32 and
 * size, and the size in the last 8 bytes must match what came out, so a corrupt, truncated or
 * concatenated body (or bytes after it) is 400 `bad_gzip`.
 */
export class CappedGunzip {
  private readonly parts: Uint8Array[] = [];
  private total = 0;
  /** The last TRAILER_BYTES bytes of input seen: the trailer, once the input ends. */
  private tail = new Uint8Array(0);
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  /** Reads the output as it comes; settles when the output ends, or at the first error (413 or bad gzip). */
  private readonly drained: Promise<void>;
  private failure: ApiError | null = null;

  constructor(private readonly maxBytes: number) {
    const inflater = new DecompressionStream("gzip");
    this.writer = inflater.writable.getWriter();
    this.drained = this.drain(inflater.readable.getReader());
    // Seen through `failure` and `finish()`; never an unhandled rejection.
    this.drained.catch(() => {});
  }

  /** Inflates `input`, a step of INFLATE_STEP_INPUT_BYTES at a time, stopping at the first error. */
  async push(input: Uint8Array): Promise<void> {
    for (let i = 0; i < input.length; i += INFLATE_STEP_INPUT_BYTES) {
      if (this.failure) break;
      await this.writer.write(input.subarray(i, i + INFLATE_STEP_INPUT_BYTES)).catch(() => {});
      // The inflated output reaches the reader a task later than the write resolves: without this
      // turn, every step of a received piece is written before the cap is seen (a 1 MB bomb was
      // read whole and cost 27× a body at the cap; with it, the first few KiB).
      await nextTask();
    }
    this.keepTail(input);
    if (this.failure) {
      this.abort();
      throw this.failure;
    }
  }

  /** Ends the input; returns the decoded bytes once the trailer matches them. */
  async finish(): Promise<Uint8Array> {
    await this.writer.close().catch(() => {});
    await this.drained.catch(() => {});
    if (this.failure) throw this.failure;
    if (this.tail.length < TRAILER_BYTES) throw badGzip();
    const trailer = new DataView(this.tail.buffer, this.tail.byteOffset, TRAILER_BYTES);
    if (trailer.getUint32(4, true) !== this.total % 2 ** 32) throw badGzip();
    return joinBytes(this.parts, this.total);
  }

  /** Stops inflating (the body is refused, or its reading failed). */
  abort(): void {
    this.writer.abort().catch(() => {});
  }

  private async drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      await readCapped(reader, this.maxBytes, "decompressed body", (bytes) => {
        this.total += bytes.byteLength;
        this.parts.push(bytes);
      });
    } catch (err) {
      this.failure = err instanceof ApiError ? err : badGzip();
      await reader.cancel().catch(() => {});
      throw this.failure;
    }
  }

  private keepTail(input: Uint8Array): void {
    if (input.length >= TRAILER_BYTES) {
      this.tail = input.slice(-TRAILER_BYTES);
      return;
    }
    const joined = new Uint8Array(this.tail.length + input.length);
    joined.set(this.tail);
    joined.set(input, this.tail.length);
    this.tail = joined.slice(-TRAILER_BYTES);
  }
}
