import type { ChunkRef } from "../api/schemas";
import { isReplayEvent, type ReplayEvent } from "./events";

/** What the stream needs of a listed chunk: the admin detail and a share link both list these. */
export type ReplayChunk = Pick<ChunkRef, "seq" | "startedAt" | "endedAt" | "url">;

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
  onChunkFailed(chunk: ReplayChunk, reason: string): void;
  /** Signed URLs are (about to be) expired: fetch the session detail again and call `update`. */
  requestFreshUrls(): void;
}

type Outcome = { ok: true; events: ReplayEvent[] } | { ok: false; expired: boolean; reason: string };

/**
 * Streams a session's chunks into the player in seq order, a few fetches ahead, as the session
 * detail lists them (signed URLs, through `update`) and as a live socket pushes them (`push`).
 * Each seq is delivered once, whichever source has it first.
 */
export class ChunkStream {
  private chunks = new Map<number, ReplayChunk>();
  /** Chunks that came with their events (the live socket): nothing to fetch. */
  private pushed = new Map<number, ReplayEvent[]>();
  /** The last seq stored before the live socket (re)opened: pushed chunks wait until it is known. */
  private storedThrough = -1;
  private expiresAt = Infinity;
  private margin = URL_EXPIRY_MARGIN_MS;
  private done = new Set<number>();
  private attempts = new Map<number, number>();
  private running = false;
  private waitingForUrls = false;
  private stopped = false;

  constructor(private readonly handlers: ChunkStreamHandlers) {}

  /** Takes the latest detail: its chunk list and signed URLs. */
  update(chunks: ReplayChunk[], urlsExpireAt: number | undefined) {
    for (const c of chunks) this.chunks.set(c.seq, c);
    this.expiresAt = urlsExpireAt ?? Infinity;
    this.margin = Math.min(URL_EXPIRY_MARGIN_MS, Math.max(0, (this.expiresAt - Date.now()) * URL_EXPIRY_MARGIN_SHARE));
    this.waitingForUrls = false;
    void this.run();
  }

  /** A chunk with its events (a live socket's frame); ignored if that seq was delivered already. */
  push(seq: number, events: ReplayEvent[]) {
    if (this.done.has(seq)) return;
    this.pushed.set(seq, events);
    void this.run();
  }

  /**
   * Chunks through `lastSeq` were stored before the live socket opened, so they come from the
   * detail, not the socket: pushed chunks after them wait until the detail lists `lastSeq` (the
   * caller fetches it again when `knows` says it does not yet).
   */
  expectStored(lastSeq: number | null) {
    this.storedThrough = Math.max(this.storedThrough, lastSeq ?? -1);
    void this.run();
  }

  /** True when `seq` is listed, pushed or delivered. */
  knows(seq: number): boolean {
    return this.chunks.has(seq) || this.pushed.has(seq) || this.done.has(seq);
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

  /** The chunks left to deliver, in seq order, up to a pushed one that must wait (see expectStored). */
  private todo(): number[] {
    const order = [...new Set([...this.chunks.keys(), ...this.pushed.keys()])].filter((s) => !this.done.has(s)).sort((a, b) => a - b);
    if (this.storedThrough < 0 || this.knows(this.storedThrough)) return order;
    const waits = order.findIndex((s) => s > this.storedThrough && !this.chunks.has(s));
    return waits < 0 ? order : order.slice(0, waits);
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const todo = this.todo();
        if (todo.length === 0) return;
        const next = todo.slice(0, FETCH_CONCURRENCY);
        if (next.some((s) => !this.pushed.has(s)) && !this.urlsFresh()) return this.askForUrls();
        // Fetch a few ahead, deliver strictly in order.
        const batch = next.map((seq) => ({ seq, outcome: this.read(seq) }));
        for (const { seq, outcome } of batch) {
          const result = await outcome;
          if (this.stopped) return;
          if (this.done.has(seq)) continue;
          if (result.ok) {
            this.deliver(seq, result.events);
            continue;
          }
          // The socket may have brought the chunk while its URL was being fetched.
          const pushed = this.pushed.get(seq);
          if (pushed) {
            this.deliver(seq, pushed);
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
          const listed = this.chunks.get(seq);
          if (listed) this.handlers.onChunkFailed(listed, result.reason);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** A chunk's events: pushed ones are at hand, listed ones are fetched from their signed URL. */
  private read(seq: number): Promise<Outcome> {
    const events = this.pushed.get(seq);
    if (events) return Promise.resolve({ ok: true, events });
    const listed = this.chunks.get(seq);
    return listed ? fetchChunk(listed.url) : Promise.resolve({ ok: false, expired: false, reason: "not listed" });
  }

  private deliver(seq: number, events: ReplayEvent[]) {
    this.done.add(seq);
    this.pushed.delete(seq);
    this.handlers.onChunk(seq, events);
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
