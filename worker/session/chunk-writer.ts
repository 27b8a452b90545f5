import { readConfig } from "../config";
import { database } from "../db/client";
import { claimSession, readIndexedSession, readSessionKey, type StoredKey } from "../db/ingest-queries";
import { createSessionKey, unwrapSessionKey } from "../crypto/session-key";
import { encryptChunk } from "../crypto/chunk-cipher";
import { fromBase64, toBase64 } from "../crypto/codec";
import { deleteObject } from "../storage/chunk-objects";
import { sessionPrefix } from "../storage/keys";
import { ApiError } from "../errors";
import { orUnavailable } from "../ingest/storage-unavailable";
import type { ChunkAnswer, IncomingChunk } from "./incoming-chunk";
import type { KeptChunkTable } from "./kept-chunks";
import { sessionFields } from "./index-flush";
import type { SessionState, SessionStateTable } from "./session-state";
import { applyWindow } from "./window";
import { BUFFER_MAX_BYTES, placeBlob, sealBuffered, type PlacedChunk } from "./seal-segments";

/** What storing a chunk did: the answer, and whether the session turned out to be erased (the object then forgets it). */
export type WriteResult = { answer: ChunkAnswer; erased?: boolean };

/**
 * The per-chunk work of a session's object: owner, idempotency and window checks against its own
 * SQLite, then encrypt with the cached data key and keep the blob for the next R2 segment. D1 is read once per object life
 * (and for the wrapped key after an eviction) and written once at the session's start (the
 * claim); the index follows in batches (index-flush.ts). Callers serialize calls.
 */
export class ChunkWriter {
  /** The unwrapped data key, in memory only: the wrapped one stays in D1 for shredding and rotation. */
  private key: CryptoKey | null = null;

  constructor(
    /** The object's bindings, read at each call. */
    private readonly bindings: () => Env,
    private readonly state: SessionStateTable,
    private readonly chunks: KeptChunkTable,
  ) {}

  /** Stores one chunk; never throws for storage faults (answers `unavailable`). */
  async store(c: IncomingChunk): Promise<WriteResult> {
    try {
      const s = this.state.read() ?? (await this.adopt(c));
      if ("answer" in s) return s;
      if (s.userId !== c.userId) return { answer: { status: "not_owner" } };
      if (this.chunks.has(c.seq)) return { answer: { status: "duplicate" } };
      if (c.seq < s.keptFromSeq) return { answer: { status: "outside_window" } };
      const key = this.key ?? (await this.loadKey(c.sessionId));
      if (!key) return { answer: { status: "erased" }, erased: true };
      // A full buffer goes to R2 first: if that fails, this chunk is refused (retried), not kept unsaid.
      if (this.chunks.bufferedBytes() >= BUFFER_MAX_BYTES) await sealBuffered(this.bindings().CHUNKS, c.sessionId, this.chunks);
      const kept = await this.keep(key, c);
      await this.record(s, c, kept);
      return { answer: { status: "stored", bytes: kept.bytes, events: c.eventCount, watched: false } };
    } catch (err) {
      // orUnavailable logged the storage fault (without bound values) and made it a 503.
      if (err instanceof ApiError && err.status === 503) return { answer: { status: "unavailable" } };
      throw err;
    }
  }

  /** Forgets the cached key (erasure). */
  forgetKey(): void {
    this.key = null;
  }

  /**
   * The object knows nothing of its session yet: D1 says whether it was erased, is someone
   * else's, or exists from before (its rows are adopted as indexed). A new session is claimed
   * with this chunk: its blob placed first (buffered here, or put into R2 when large), then the
   * session row and wrapped key in one batch, so the row and the first summary appear together
   * (the chunk's own index row follows with the next flush).
   */
  private async adopt(c: IncomingChunk): Promise<SessionState | WriteResult> {
    const db = database(this.bindings().DB);
    const known = await orUnavailable("read session", readIndexedSession(db, c.sessionId));
    if (known.erased) return { answer: { status: "erased" } };
    if (known.ownerId !== null && known.ownerId !== c.userId) return { answer: { status: "not_owner" } };
    if (known.ownerId !== null && known.fields) {
      if (!known.key) return { answer: { status: "erased" } };
      this.key = await this.unwrap(known.key);
      const { bytes: _b, eventCount: _e, chunkCount: _n, ...kept } = known.fields;
      const adopted: SessionState = { sessionId: c.sessionId, userId: c.userId, ...kept, indexHasDropped: false, dirty: false, indexStatements: 0 };
      this.state.write(adopted);
      for (const row of known.chunks) this.chunks.add({ ...row, indexed: true }, null);
      return adopted;
    }
    return this.claim(c);
  }

  private async claim(c: IncomingChunk): Promise<WriteResult> {
    const db = database(this.bindings().DB);
    const fresh = await createSessionKey(readConfig(this.bindings()));
    const stored: StoredKey = { wrappedKey: toBase64(fresh.wrapped), masterKeyId: fresh.masterKeyId };
    const kept = await this.keep(fresh.key, c);
    const s = this.next(null, c);
    const fields = sessionFields(s, { bytes: kept.bytes, eventCount: c.eventCount, chunkCount: 1, endedAt: c.endedAt });
    const claimed = await orUnavailable(
      "claim session",
      claimSession(db, { sessionId: c.sessionId, userId: c.userId, storageKey: sessionPrefix(c.sessionId), key: stored, fields, now: c.receivedAt }),
    );
    if (claimed.ownerId !== c.userId || claimed.key?.wrappedKey !== stored.wrappedKey) {
      // Erased before (a tombstone), or claimed by another writer: our object must not stay.
      if (kept.storageKey !== null) await orUnavailable("delete chunk", deleteObject(this.bindings().CHUNKS, kept.storageKey));
      if (claimed.ownerId === null || !claimed.key) return { answer: { status: "erased" } };
      return { answer: { status: claimed.ownerId === c.userId ? "unavailable" : "not_owner" } };
    }
    this.key = fresh.key;
    await this.record({ ...s, dirty: false, indexStatements: claimed.statements }, c, kept, true);
    return { answer: { status: "stored", bytes: kept.bytes, events: c.eventCount, watched: false } };
  }

  private async loadKey(sessionId: string): Promise<CryptoKey | null> {
    const stored = await orUnavailable("read key", readSessionKey(database(this.bindings().DB), sessionId));
    this.key = stored ? await this.unwrap(stored) : null;
    return this.key;
  }

  private unwrap(stored: StoredKey): Promise<CryptoKey> {
    return unwrapSessionKey(fromBase64(stored.wrappedKey), stored.masterKeyId, readConfig(this.bindings()));
  }

  /** Encrypts the chunk and places its blob (seal-segments.ts). */
  private async keep(key: CryptoKey, c: IncomingChunk): Promise<PlacedChunk> {
    const blob = await encryptChunk(key, c.sessionId, c.seq, c.stored);
    return { ...(await placeBlob(this.bindings().CHUNKS, c.sessionId, c.seq, blob)), bytes: blob.byteLength };
  }

  /** The state after `c` is stored on top of `before`. */
  private next(before: SessionState | null, c: IncomingChunk): SessionState {
    return {
      sessionId: c.sessionId,
      userId: c.userId,
      startedAt: Math.min(before?.startedAt ?? c.startedAt, c.startedAt),
      endedAt: Math.max(before?.endedAt ?? c.endedAt, c.endedAt),
      meta: before?.meta ?? c.meta,
      // Classified from the same chunk whose meta is kept, so the two always agree.
      device: before?.meta ? before.device : (c.device ?? 0),
      lastUrl: c.lastUrl ?? before?.lastUrl ?? null,
      lastChunkAt: Math.max(before?.lastChunkAt ?? c.receivedAt, c.receivedAt),
      keptFromSeq: before?.keptFromSeq ?? 0,
      indexHasDropped: before?.indexHasDropped ?? false,
      dirty: true,
      indexStatements: before?.indexStatements ?? 0,
    };
  }

  /** Keeps the stored chunk's row (for the next flush) and the new state, then moves the window. */
  private async record(before: SessionState, c: IncomingChunk, kept: PlacedChunk, claimed = false): Promise<void> {
    const s = claimed ? before : this.next(before, c);
    this.state.write(s);
    this.chunks.add({ ...c, bytes: kept.bytes, indexed: false, storageKey: kept.storageKey }, kept.blob);
    await applyWindow(this.bindings().CHUNKS, this.state, this.chunks, { windowMs: c.windowMs, now: c.receivedAt });
  }
}
