import type { ChunkRef } from "../api/schemas";
import { isReplayEvent, type ReplayEvent } from "./events";

/** Chunks fetched at once: enough to hide latency, few enough to keep the first chunk first. */
const FETCH_CONCURRENCY = 3;
/** Treat a signed URL as expired this long before `urlsExpireAt` (clock skew, slow fetches)... */
export const URL_EXPIRY_MARGIN_MS = 20_000;
/** ...but never more than this share of the URLs' lifetime, or a short TTL would refresh forever. */
const URL_EXPIRY_MARGIN_SHARE = 0.25;
/** Attempts per chunk (a 403 from an expired URL asks for fresh URLs and tries again). */
const MAX_ATTEMPTS = 3;

/** What the stream reports to the player. */
export interface ChunkStreamHandlers {
  /** A chunk's events, called in seq order. */
  onChunk(seq: number, events: ReplayEvent[]): void;
  /** A listed chunk could not be read (erased meanwhile, corrupt): the timeline shows a gap. */
  onChunkFailed(chunk: ChunkRef, reason: string): void;
  /** Signed URLs are (about to be) expired: fetch the session detail again and call `update`. */
  requestFreshUrls(): void;
}

type Outcome = { ok: true; events: ReplayEvent[] } | { ok: false; expired: boolean; reason: string };

/**
 * Streams a session's chunks into the player in seq order, a few fetches ahead, as the session
 * detail lists them. New chunks of a live session and fresh signed URLs arrive through `update`.
 */
export class ChunkStream {
  private chunks = new Map<number, ChunkRef>();
  private expiresAt = Infinity;
  private margin = URL_EXPIRY_MARGIN_MS;
  private done = new Set<number>();
  private attempts = new Map<number, number>();
  private running = false;
  private waitingForUrls = false;
  private stopped = false;

  constructor(private readonly handlers: ChunkStreamHandlers) {}

  /** Takes the latest detail: its chunk list and signed URLs. */
  update(chunks: ChunkRef[], urlsExpireAt: number | undefined) {
    for (const c of chunks) this.chunks.set(c.seq, c);
    this.expiresAt = urlsExpireAt ?? Infinity;
    this.margin = Math.min(URL_EXPIRY_MARGIN_MS, Math.max(0, (this.expiresAt - Date.now()) * URL_EXPIRY_MARGIN_SHARE));
    this.waitingForUrls = false;
    void this.run();
  }

  /** Stops fetching (the page was left). */
  stop() {
    this.stopped = true;
  }

  private urlsFresh(): boolean {
    return Date.now() < this.expiresAt - this.margin;
  }

  private askForUrls() {
    if (this.waitingForUrls || this.stopped) return;
    this.waitingForUrls = true;
    this.handlers.requestFreshUrls();
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const todo = [...this.chunks.keys()].filter((s) => !this.done.has(s)).sort((a, b) => a - b);
        if (todo.length === 0) return;
        if (!this.urlsFresh()) return this.askForUrls();
        // Fetch a few ahead, deliver strictly in order.
        const batch = todo.slice(0, FETCH_CONCURRENCY).map((seq) => ({ seq, outcome: fetchChunk(this.chunks.get(seq)!.url) }));
        for (const { seq, outcome } of batch) {
          const result = await outcome;
          if (this.stopped) return;
          if (result.ok) {
            this.done.add(seq);
            this.handlers.onChunk(seq, result.events);
            continue;
          }
          const tries = (this.attempts.get(seq) ?? 0) + 1;
          this.attempts.set(seq, tries);
          if (result.expired && tries < MAX_ATTEMPTS) {
            // Keep order: do not deliver later chunks before this one; wait for fresh URLs.
            this.expiresAt = 0;
            return this.askForUrls();
          }
          this.done.add(seq);
          this.handlers.onChunkFailed(this.chunks.get(seq)!, result.reason);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

async function fetchChunk(url: string): Promise<Outcome> {
  let res: Response;
  try {
    // The signed URL is the permission: no token goes with it. The browser decodes the gzip.
    res = await fetch(url, { credentials: "omit", cache: "no-store" });
  } catch {
    return { ok: false, expired: false, reason: "network error" };
  }
  if (res.status === 403) return { ok: false, expired: true, reason: "link expired" };
  if (!res.ok) return { ok: false, expired: false, reason: res.status === 404 ? "no longer stored" : `HTTP ${res.status}` };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, expired: false, reason: "not valid JSON" };
  }
  if (!Array.isArray(body)) return { ok: false, expired: false, reason: "not an event list" };
  return { ok: true, events: body.filter(isReplayEvent) };
}
