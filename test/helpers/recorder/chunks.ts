import { buildBody, type Chunk } from "../../../recorder/buffer/chunk.ts";

/** The session the recorder's transport tests send for. */
export const TEST_SESSION_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

/** Chunk `seq` of `sessionId` carrying no events, ready to send, as the recorder's cut() leaves it in the outbox. */
export function emptyChunk(seq: number, sessionId = TEST_SESSION_ID, createdAt = seq): Chunk {
  return { sessionId, seq, body: buildBody(sessionId, seq, "[]", {}), gzip: false, createdAt, ready: Promise.resolve(), persisted: false };
}
