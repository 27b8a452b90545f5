import { signedChunkPath } from "./signed-url";

/** A listed chunk: enough to sign its URL. */
interface SignableChunk {
  seq: number;
}

/** Each chunk of `sessionId` with an absolute signed URL on `origin` that expires at `expiresAt` (ms). */
export function withSignedUrls<T extends SignableChunk>(
  secret: string,
  origin: string,
  sessionId: string,
  chunks: T[],
  expiresAt: number,
): Promise<Array<T & { url: string }>> {
  return Promise.all(chunks.map(async (ch) => ({ ...ch, url: origin + (await signedChunkPath(secret, sessionId, ch.seq, expiresAt)) })));
}
