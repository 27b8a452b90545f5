import type { Chunk } from "../buffer/chunk";
import { KEEPALIVE_MAX_BODY_BYTES, KEEPALIVE_TOTAL_BYTES } from "../constants";
import { uploadChunk } from "./upload";

/**
 * On pagehide only keepalive requests outlive the page. Sends the oldest unsent chunks that fit
 * the budget (each well under the 32 KiB that Debian's Chromium accepts for one keepalive body,
 * all under the 64 KiB in-flight cap). Everything stays persisted regardless: whatever does not
 * arrive is sent on the next load, and a chunk that arrives twice is a no-op on the server.
 */
export function sendWithKeepalive(endpoint: string, token: string | null, chunks: readonly Chunk[], onStored: (chunk: Chunk) => void): number {
  if (!token) return 0;
  let budget = KEEPALIVE_TOTAL_BYTES;
  let sent = 0;
  for (const chunk of chunks) {
    // Exact UTF-8 size: the cap is in bytes and a JSON text may hold multi-byte characters.
    const size = typeof chunk.body === "string" ? new Blob([chunk.body]).size : chunk.body.byteLength;
    if (size > KEEPALIVE_MAX_BODY_BYTES || size > budget) continue;
    budget -= size;
    sent++;
    void uploadChunk(endpoint, token, chunk, true).then((o) => {
      if (o.kind === "stored") onStored(chunk);
    });
  }
  return sent;
}
