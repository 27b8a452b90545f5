import { describeError, log } from "../log";
import type { ChunkAnswer, IncomingChunk } from "./incoming-chunk";

/** The Durable Object of one session: one per session id, wherever it is asked for. */
export function sessionObject(env: Env, sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

/**
 * The upload's one call into its session's object, which stores the chunk. An object that cannot
 * be reached (overloaded, restarting) is a storage fault for the client: `unavailable`, retried.
 */
export async function storeInSession(env: Env, chunk: IncomingChunk): Promise<ChunkAnswer> {
  try {
    return await sessionObject(env, chunk.sessionId).storeChunk(chunk);
  } catch (err) {
    log.warn("session object call failed", { sessionId: chunk.sessionId, seq: chunk.seq, error: describeError(err) });
    return { status: "unavailable" };
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
