import { describeError, log } from "../log";
import type { StoredChunk } from "./session-object";

/** The Durable Object of one session: one per session id, wherever it is asked for. */
export function sessionObject(env: Env, sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

/**
 * Hands a stored chunk to its session's object (viewers, directory); returns whether someone
 * watches. The chunk is stored already, so a failure here costs viewers one chunk, not the upload.
 */
export async function pushStoredChunk(env: Env, chunk: StoredChunk): Promise<boolean> {
  try {
    return (await sessionObject(env, chunk.sessionId).chunkStored(chunk)).watched;
  } catch (err) {
    log.warn("live push failed", { sessionId: chunk.sessionId, seq: chunk.seq, error: describeError(err) });
    return false;
  }
}

/**
 * Erasure reaches the session's object: viewers told and closed, its storage and alarm deleted.
 * Returns false (logged) when the object could not be reached, so the caller keeps what lets it retry.
 */
export async function eraseSessionObject(env: Env, sessionId: string): Promise<boolean> {
  try {
    await sessionObject(env, sessionId).erase();
    return true;
  } catch (err) {
    log.warn("session object erasure failed", { sessionId, error: describeError(err) });
    return false;
  }
}
