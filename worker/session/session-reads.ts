import type { Database } from "../db/client";
import { getSession, listChunks, listSessions, type SessionSummary } from "../db/admin-queries";
import { liveDirectory } from "../live/live-directory";
import { describeError, log } from "../log";
import { sessionObject } from "./session-stub";
import type { PendingChunk, SessionView } from "./session-view";
import { getChunkBlob, type BlobLocation } from "../storage/chunk-objects";
import { orUnavailable } from "../ingest/storage-unavailable";

/** A kept chunk as its object answers for it: where R2 has its blob, or the blob (still buffered there). */
export type KeptBlob = { location: BlobLocation } | { blob: Uint8Array };

/**
 * A chunk's encrypted blob, or null when it is not kept: from where D1 says R2 has it, else (not
 * indexed yet, or its segment rewritten since) as its session's object has it.
 */
export async function readChunkBlob(env: Env, sessionId: string, seq: number, indexed: BlobLocation | undefined): Promise<Uint8Array | null> {
  const fromIndex = indexed ? await getChunkBlob(env.CHUNKS, indexed) : null;
  if (fromIndex) return fromIndex;
  // An object that cannot be reached is a moment's storage fault (503, retry), not a missing chunk.
  const read = async (): Promise<KeptBlob | null> => sessionObject(env, sessionId).readChunk(seq);
  const kept = await orUnavailable("read chunk from its session", read());
  if (!kept) return null;
  return "blob" in kept ? kept.blob : getChunkBlob(env.CHUNKS, kept.location);
}

/** A session's object's view (what D1 may lack), or null when it holds none or cannot be reached (D1 is then what is shown). */
export async function readSessionView(env: Env, sessionId: string): Promise<SessionView | null> {
  try {
    return await sessionObject(env, sessionId).view();
  } catch (err) {
    log.warn("session object read failed", { sessionId, error: describeError(err) });
    return null;
  }
}

/** Ids the live directory lists (sessions whose objects may be ahead of D1); none when it cannot be reached. */
async function readLiveSessionIds(env: Env): Promise<string[]> {
  try {
    return await liveDirectory(env).liveSessionIds();
  } catch (err) {
    log.warn("live directory read failed", { error: describeError(err) });
    return [];
  }
}

/** The chunk list of a session: D1's rows still inside the window, and the rows only its object has so far. */
function mergeChunks<T extends PendingChunk>(indexed: T[], view: SessionView | null): PendingChunk[] {
  if (!view) return indexed;
  const pendingSeqs = new Set(view.pending.map((c) => c.seq));
  const kept = indexed.filter((c) => c.seq >= view.keptFromSeq && !pendingSeqs.has(c.seq));
  return [...kept, ...view.pending].sort((a, b) => a.seq - b.seq);
}

/**
 * D1's summaries with the live ones replaced by their objects' (current counts, bytes, end), for
 * the admin list: only sessions the directory lists can be ahead of D1 by more than a trim.
 */
async function overlayLive(env: Env, summaries: SessionSummary[], liveIds: string[]): Promise<SessionSummary[]> {
  const live = new Set(liveIds);
  return Promise.all(summaries.map(async (s) => (live.has(s.id) ? { ...s, ...(await readSessionView(env, s.id))?.summary } : s)));
}

/**
 * A page of the admin list: D1's query (filters, keyset pages), with the sessions the directory
 * lists as their objects have them now; a `from` filter also admits those, then keeps the ones
 * whose current end is inside it.
 */
export async function listCurrentSessions(env: Env, db: Database, q: Omit<Parameters<typeof listSessions>[1], "liveIds">) {
  const liveIds = await readLiveSessionIds(env);
  const { rows, next } = await listSessions(db, { ...q, liveIds });
  const current = await overlayLive(env, rows, liveIds);
  return { rows: current.filter((s) => s.chunkCount > 0 && (q.from === undefined || (s.endedAt ?? -1) >= q.from)), next };
}

/** A visible session and its chunk list as the admin detail shows them (D1's, merged with its object's), or null. */
export async function readSessionDetail(env: Env, db: Database, sessionId: string) {
  const [indexed, view] = await Promise.all([getSession(db, sessionId), readSessionView(env, sessionId)]);
  // D1 has every session's row from its first chunk on; its object has what D1 has not got yet.
  const summary = indexed && view ? { ...indexed, ...view.summary } : indexed;
  if (!summary || summary.chunkCount === 0) return null;
  return { summary, chunks: mergeChunks(await listChunks(db, sessionId), view) };
}
