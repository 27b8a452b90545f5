/** Gzips bytes or a string with CompressionStream("gzip"), as the recorder does (not with the worker's own codec). */
export async function gzipBytes(input: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const bombs = new Map<number, Promise<Uint8Array>>();

/**
 * Gzip of `size` zero bytes, compressed as a stream so the test never holds the expanded data:
 * about a thousandth of `size` on the wire (a gzip bomb). Made once per size and file (a 1 GiB one
 * takes seconds to compress).
 */
export function gzipZeros(size: number): Promise<Uint8Array> {
  let bomb = bombs.get(size);
  if (!bomb) {
    bomb = compressZeros(size);
    bombs.set(size, bomb);
  }
  return bomb;
}

async function compressZeros(size: number): Promise<Uint8Array> {
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

/**
 * A request body that hands out `bytes` in `pieceBytes` pieces only when read, counting what was
 * pulled: tells how much of a body the worker read before it stopped.
 */
export function countedBody(bytes: Uint8Array, pieceBytes = 16_384) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= bytes.byteLength) return controller.close();
      const piece = bytes.subarray(counter.pulled, counter.pulled + pieceBytes);
      counter.pulled += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, counter };
}
