import { gzip } from "../../../worker/crypto/codec";

/** Gzips bytes or a string the way the browser's CompressionStream("gzip") does. */
export function gzipBytes(input: Uint8Array | string): Promise<Uint8Array> {
  return gzip(typeof input === "string" ? new TextEncoder().encode(input) : input);
}

/**
 * Gzip of `size` zero bytes, compressed as a stream so the test never holds the expanded data:
 * about a thousandth of `size` on the wire (a gzip bomb).
 */
export async function gzipZeros(size: number): Promise<Uint8Array> {
  const BLOCK = 1 << 20;
  const zeros = new Uint8Array(BLOCK);
  let left = size;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(BLOCK, left);
      controller.enqueue(n === BLOCK ? zeros : zeros.subarray(0, n));
      left -= n;
    },
  });
  return new Uint8Array(await new Response(source.pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}
