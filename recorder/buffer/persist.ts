import { fromBase64, toBase64 } from "../../protocol/base64";
import { SEQ_MAX } from "../../protocol/envelope";
import { isSessionId } from "../../protocol/session-id";
import { OUTBOX_STORAGE_PREFIX, PERSIST_MAX_AGE_MS, PERSIST_MAX_CHARS } from "../constants";
import { chunkKey, type Chunk } from "./chunk";

/** One chunk as written to localStorage under OUTBOX_STORAGE_PREFIX + "<sessionId>:<seq>". */
interface StoredChunk {
  /** "g": base64 gzip bytes; "j": JSON text. */
  e: "g" | "j";
  b: string;
  /** When the chunk was made (ms since epoch). */
  t: number;
}

/** A persisted chunk read back, with the size of its record. */
interface StoredEntry {
  key: string;
  chars: number;
  chunk: Chunk;
}

const SEQ_TEXT = /^(0|[1-9]\d{0,7})$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The chunk a storage entry holds, or null for anything else: a foreign or altered key, text that
 * is not our record, a body that does not decode, or a chunk too old (or too far ahead of this
 * clock) to be worth sending. Another script, an older version or a full disk can leave such
 * entries, and one bad size would disable the outbox's byte bound.
 */
function readEntry(key: string, raw: string, now: number): Chunk | null {
  const [sessionId, seqText, ...rest] = key.slice(OUTBOX_STORAGE_PREFIX.length).split(":");
  if (rest.length || !isSessionId(sessionId) || !SEQ_TEXT.test(seqText ?? "") || Number(seqText) > SEQ_MAX) return null;
  let rec: unknown;
  try {
    rec = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(rec) || (rec.e !== "g" && rec.e !== "j") || typeof rec.b !== "string" || !rec.b) return null;
  if (typeof rec.t !== "number" || !Number.isFinite(rec.t) || Math.abs(now - rec.t) > PERSIST_MAX_AGE_MS) return null;
  let body: Uint8Array | string = rec.b;
  if (rec.e === "g") {
    try {
      body = fromBase64(rec.b);
    } catch {
      return null;
    }
  }
  return { sessionId, seq: Number(seqText), body, gzip: rec.e === "g", createdAt: rec.t, ready: Promise.resolve(), persisted: true };
}

/**
 * Unsent chunks in localStorage, one key each, so a reload or a crash loses nothing: written when
 * a chunk is made, removed when the server has it, read back by the next page load (in any tab of
 * the origin: the server treats a re-sent chunk as a no-op). All of the origin's entries together
 * stay under PERSIST_MAX_CHARS, counting what earlier pages and other tabs left.
 */
export class ChunkStore {
  /** Chars of our entries in storage; null until first needed (reading localStorage early slows the page's start). */
  private chars: number | null = null;

  /** The storage, or what opens it on first use: a page's first `window.localStorage` read is slow (it opens the origin's store). */
  constructor(private source: Storage | null | (() => Storage | null)) {}

  private get storage(): Storage | null {
    if (typeof this.source === "function") this.source = this.source();
    return this.source;
  }

  /** Writes a chunk; false when storage is full, blocked, or over our bound (the chunk then lives in memory only). */
  save(chunk: Chunk): boolean {
    if (!this.storage) return false;
    const record: StoredChunk =
      typeof chunk.body === "string" ? { e: "j", b: chunk.body, t: chunk.createdAt } : { e: "g", b: chunk.base64 ?? toBase64(chunk.body), t: chunk.createdAt };
    const text = JSON.stringify(record);
    try {
      const used = (this.chars ??= this.measure());
      if (used + text.length > PERSIST_MAX_CHARS) return false;
      this.storage.setItem(OUTBOX_STORAGE_PREFIX + chunkKey(chunk.sessionId, chunk.seq), text);
      this.chars = used + text.length;
      return true;
    } catch {
      return false;
    }
  }

  /** Removes a chunk the server has (or refused for good). */
  remove(sessionId: string, seq: number): void {
    try {
      const key = OUTBOX_STORAGE_PREFIX + chunkKey(sessionId, seq);
      const old = this.storage?.getItem(key);
      if (old == null) return;
      this.storage?.removeItem(key);
      if (this.chars !== null) this.chars = Math.max(0, this.chars - old.length);
    } catch {
      // Blocked storage: nothing was stored either.
    }
  }

  /**
   * Reads every persisted chunk (this tab's and any earlier page's), oldest first. Drops entries
   * that are not valid chunks, and the oldest ones while all of them together are over
   * PERSIST_MAX_CHARS (the newest are the likeliest to fall in the server's window).
   */
  loadAll(now: number): Chunk[] {
    if (!this.storage) return [];
    const kept: StoredEntry[] = [];
    try {
      for (const key of this.ownKeys()) {
        const raw = this.storage.getItem(key) ?? "";
        const chunk = readEntry(key, raw, now);
        if (chunk) kept.push({ key, chars: raw.length, chunk });
        else this.storage.removeItem(key);
      }
      kept.sort((a, b) => a.chunk.createdAt - b.chunk.createdAt || a.chunk.seq - b.chunk.seq);
      let total = kept.reduce((sum, e) => sum + e.chars, 0);
      while (total > PERSIST_MAX_CHARS) {
        const oldest = kept.shift()!;
        this.storage.removeItem(oldest.key);
        total -= oldest.chars;
      }
      this.chars = total;
    } catch {
      // Blocked storage.
    }
    return kept.map((e) => e.chunk);
  }

  /** Our keys in storage (collected first: removing while iterating would shift the indices). */
  private ownKeys(): string[] {
    const keys: string[] = [];
    if (!this.storage) return keys;
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(OUTBOX_STORAGE_PREFIX)) keys.push(key);
    }
    return keys;
  }

  /** Chars of every entry of ours in storage, whoever wrote it. */
  private measure(): number {
    let total = 0;
    for (const key of this.ownKeys()) total += this.storage?.getItem(key)?.length ?? 0;
    return total;
  }
}
