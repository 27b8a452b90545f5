import { expect } from "vitest";
import { mintToken } from "../tokens";
import { chunkEvents } from "./events";
import { postUpload } from "./upload";

const DEFAULT_META = { ua: "test-ua", viewport: { width: 1280, height: 720 }, url: "https://app.example.com/page" };

/** Uploads one chunk of `sessionId` as `userId` and returns the response. */
export async function upload(userId: string, sessionId: string, seq: number, events: unknown[], meta: Record<string, unknown> = DEFAULT_META) {
  return postUpload(await mintToken(userId), JSON.stringify({ sessionId, seq, events, meta }));
}

/**
 * Uploads a session of `chunks` chunks, `spanMs` each, starting at `start`; the chunks `checkout`
 * picks (by default only chunk 0) begin with a full snapshot. Returns its id.
 */
export async function seedSession(
  userId: string,
  start: number,
  chunks = 2,
  spanMs = 5_000,
  checkout: (seq: number) => boolean = (seq) => seq === 0,
): Promise<string> {
  const sessionId = crypto.randomUUID();
  for (let seq = 0; seq < chunks; seq++) {
    const res = await upload(userId, sessionId, seq, chunkEvents(start + seq * spanMs, spanMs - 1, { checkout: checkout(seq) }));
    expect(res.status).toBe(200);
  }
  return sessionId;
}
