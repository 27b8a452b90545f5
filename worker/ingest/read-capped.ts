import { ApiError } from "../errors";

/**
 * Reads a stream to its end, handing each piece to `take` once the running total is within
 * `maxBytes`: past it, 413 at once and nothing more is read (the caller cancels the stream).
 */
export async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  what: string,
  take: (bytes: Uint8Array) => void | Promise<void>,
): Promise<void> {
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
    if (total > maxBytes) throw new ApiError(413, "payload_too_large", `The ${what} is over ${maxBytes} bytes`);
    await take(value);
  }
}
