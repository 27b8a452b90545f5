import { OUTBOX_STORAGE_PREFIX, PERSIST_MAX_AGE_MS, PERSIST_MAX_CHARS } from "../constants";
import { chunkKey, type Chunk } from "./chunk";

interface StoredChunk {
  /** "g": base64 gzip bytes; "j": JSON text. */
  e: "g" | "j";
  b: string;
  t: number;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Unsent chunks in localStorage, one key each, so a reload or a crash loses nothing: written when
 * a chunk is made, removed when the server has it, read back by the next page load (in any tab of
 * the origin: the server treats a re-sent chunk as a no-op). Bounded by PERSIST_MAX_CHARS.
 */
export class ChunkStore {
  private chars = 0;

  constructor(private readonly storage: Storage | null) {}

  /** Writes a chunk; false when storage is full, blocked, or over our bound (the chunk then lives in memory only). */
  save(chunk: Chunk): boolean {
    if (!this.storage) return false;
    const record: StoredChunk = typeof chunk.body === "string" ? { e: "j", b: chunk.body, t: chunk.createdAt } : { e: "g", b: chunk.base64 ?? toBase64(chunk.body), t: chunk.createdAt };
    const text = JSON.stringify(record);
    if (this.chars + text.length > PERSIST_MAX_CHARS) return false;
    try {
      this.storage.setItem(OUTBOX_STORAGE_PREFIX + chunkKey(chunk.sessionId, chunk.seq), text);
      this.chars += text.length;
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
      this.chars = Math.max(0, this.chars - old.length);
    } catch {
      // Blocked storage: nothing was stored either.
    }
  }

  /** Reads every persisted chunk (this tab's and any earlier page's), oldest first; drops stale or unreadable ones. */
  loadAll(now: number): Chunk[] {
    const out: Chunk[] = [];
    if (!this.storage) return out;
    try {
      const keys: string[] = [];
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(OUTBOX_STORAGE_PREFIX)) keys.push(key);
      }
      for (const key of keys) {
        const [sessionId, seqText] = key.slice(OUTBOX_STORAGE_PREFIX.length).split(":");
        const raw = this.storage.getItem(key) ?? "";
        try {
          const rec = JSON.parse(raw) as StoredChunk;
          const seq = Number(seqText);
          if (!Number.isInteger(seq) || now - rec.t > PERSIST_MAX_AGE_MS || (rec.e !== "g" && rec.e !== "j")) throw new Error("stale");
          out.push({ sessionId, seq, body: rec.e === "g" ? fromBase64(rec.b) : rec.b, gzip: rec.e === "g", createdAt: rec.t, ready: Promise.resolve(), persisted: true });
          this.chars += raw.length;
        } catch {
          this.storage.removeItem(key);
        }
      }
    } catch {
      // Blocked storage.
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }
}
