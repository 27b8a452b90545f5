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

/**
 * R2 key of a segment: chunks a session's object kept in its SQLite, written as one object
 * (session/seal-segments.ts). Named by its first seq and a random part, as a segment is never rewritten
 * in place: chunks moved out of one go into a new one.
 */
export function segmentKey(sessionId: string, firstSeq: number, nonce: string): string {
  return `${sessionPrefix(sessionId)}segments/${String(firstSeq).padStart(10, "0")}-${nonce}.bin`;
}

/** The session id a chunk or segment key names, or null for any key outside our scheme. */
export function parseStoredKey(key: string): { sessionId: string } | null {
  const m = /^sessions\/([^/]+)\/(?:chunks\/\d{10}|segments\/\d{10}-[0-9a-f]{16})\.bin$/.exec(key);
  return m && isSessionId(m[1]) ? { sessionId: m[1] } : null;
}
