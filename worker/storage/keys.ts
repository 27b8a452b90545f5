import { isSessionId } from "../../protocol/session-id";

/** Every R2 object the product writes lives under this prefix; nothing outside it is ever deleted. */
export const SESSIONS_PREFIX = "sessions/";

/** R2 prefix of one session's objects. */
export function sessionPrefix(sessionId: string): string {
  return `${SESSIONS_PREFIX}${sessionId}/`;
}

/** Deterministic R2 key of a chunk, so a retried upload lands on the same object. */
export function chunkKey(sessionId: string, seq: number): string {
  return `${sessionPrefix(sessionId)}chunks/${String(seq).padStart(10, "0")}.bin`;
}

/** The session id and seq a chunk key names, or null for any key outside our scheme. */
export function parseChunkKey(key: string): { sessionId: string; seq: number } | null {
  const m = /^sessions\/([^/]+)\/chunks\/(\d{10})\.bin$/.exec(key);
  return m && isSessionId(m[1]) ? { sessionId: m[1], seq: Number(m[2]) } : null;
}
