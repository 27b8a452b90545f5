import { OUTBOX_MAX_BYTES, OUTBOX_MAX_CHUNKS, PERSIST_DELAY_MS } from "../constants";
import { bodyBytes, chunkKey, type Chunk } from "./chunk";
import type { ChunkStore } from "./persist";

/** Runs `fn` later (injectable so tests can run it when they choose). */
export type Defer = (fn: () => void) => void;

const afterPersistDelay: Defer = (fn) => {
  setTimeout(fn, PERSIST_DELAY_MS);
};

/**
 * Chunks not yet acknowledged, oldest first, bounded in count and bytes. A compressed chunk is
 * written to the ChunkStore (when storage allows) only if it is still here a moment later: most are
 * acknowledged by then, and localStorage is synchronous main-thread work. What is still unsent
 * when the page goes away is persisted at pagehide (persistAll).
 */
export class Outbox {
  private chunks: Chunk[] = [];
  private bytes = 0;
  private readonly keys = new Set<string>();

  constructor(
    private readonly store: ChunkStore,
    private readonly defer: Defer = afterPersistDelay,
  ) {}

  /** Queues a chunk; false when the bounds are reached (the caller stops recording). Duplicates are ignored. */
  add(chunk: Chunk): boolean {
    const key = chunkKey(chunk.sessionId, chunk.seq);
    if (this.keys.has(key)) return true;
    const size = bodyBytes(chunk);
    if (this.chunks.length >= OUTBOX_MAX_CHUNKS || this.bytes + size > OUTBOX_MAX_BYTES) return false;
    this.chunks.push(chunk);
    this.keys.add(key);
    this.bytes += size;
    return true;
  }

  /** Queues chunks left by earlier page loads ahead of this page's own, since they are older. */
  addRecovered(recovered: Chunk[]): void {
    const taken: Chunk[] = [];
    for (const c of recovered) {
      const key = chunkKey(c.sessionId, c.seq);
      const size = bodyBytes(c);
      // Past the bounds they stay in storage for a later page load rather than crowd out this one.
      if (this.keys.has(key) || this.chunks.length + taken.length >= OUTBOX_MAX_CHUNKS || this.bytes + size > OUTBOX_MAX_BYTES) continue;
      taken.push(c);
      this.keys.add(key);
      this.bytes += size;
    }
    this.chunks.unshift(...taken);
  }

  /** Replaces a chunk's body once compressed; the smaller form is persisted if the chunk is still unsent a moment later. */
  setBody(chunk: Chunk, body: Uint8Array, base64?: string): void {
    this.bytes += body.byteLength - bodyBytes(chunk);
    chunk.body = body;
    chunk.gzip = true;
    chunk.base64 = base64;
    this.defer(() => {
      if (!this.chunks.includes(chunk)) return;
      // A plain copy written meanwhile (pagehide) stays until the smaller one replaces it.
      if (chunk.persisted) this.store.remove(chunk.sessionId, chunk.seq);
      chunk.persisted = this.store.save(chunk);
    });
  }

  /** Persists every chunk not yet in storage (on pagehide: whatever form its body has now). */
  persistAll(): void {
    for (const c of this.chunks) if (!c.persisted) c.persisted = this.store.save(c);
  }

  /** The oldest chunk, or undefined. */
  first(): Chunk | undefined {
    return this.chunks[0];
  }

  /** All queued chunks, oldest first (a copy). */
  list(): Chunk[] {
    return this.chunks.slice();
  }

  /** Removes a chunk from memory and storage (stored by the server, or refused for good). */
  remove(chunk: Chunk): void {
    const i = this.chunks.indexOf(chunk);
    if (i >= 0) {
      this.chunks.splice(i, 1);
      this.bytes -= bodyBytes(chunk);
      this.keys.delete(chunkKey(chunk.sessionId, chunk.seq));
    }
    this.store.remove(chunk.sessionId, chunk.seq);
  }

  /** Removes every chunk of a session the server will not take any more. */
  removeSession(sessionId: string): void {
    for (const c of this.list()) if (c.sessionId === sessionId) this.remove(c);
  }
}
