/** Messages between the recorder and its compression worker (recorder/transport/compression-worker.ts). */

/** Compress this upload body. */
export interface CompressRequest {
  id: number;
  text: string;
}

/** The gzip bytes and their base64 form (for localStorage), or why there are none. */
export type CompressReply = { id: number; bytes: Uint8Array<ArrayBuffer>; base64: string } | { id: number; error: string };
