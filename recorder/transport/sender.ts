import type { Chunk } from "../buffer/chunk";
import type { Outbox } from "../buffer/outbox";
import { RETRY_MAX_MS, TOKEN_REFRESH_ATTEMPTS } from "../constants";
import { backoffDelay } from "./backoff";
import { sendUpload, uploadChunk, type UploadTransport } from "./upload";

/** How the sender reports what the server said; the recorder decides what it means for recording. */
export interface SenderEvents {
  /** Returns a token; `refresh` asks for a new one (after a 401). */
  getToken(refresh: boolean): Promise<string | null>;
  onDisabled(): void;
  onSessionGone(sessionId: string): void;
  onRejected(chunk: Chunk, code: string): void;
  /** After each stored chunk: whether the server says someone watches the session live. */
  onWatched(watched: boolean): void;
}

/**
 * Sends the outbox one chunk at a time, oldest first, so a session's chunks arrive in order.
 * Transient failures back off exponentially with jitter and retry the same chunk with the same
 * seq (the server treats a repeat as success), so nothing is ever renumbered or skipped.
 */
export class Sender {
  private running = false;
  private stopped = false;
  private attempt = 0;
  private wake: (() => void) | null = null;
  private waiters: Array<{ pending: Set<Chunk>; done(): void }> = [];

  constructor(
    private readonly endpoint: string,
    private readonly outbox: Outbox,
    private readonly events: SenderEvents,
    /** Where requests are made (the recorder's worker, off the main thread). */
    private readonly transport: UploadTransport = sendUpload,
  ) {}

  /** Starts sending if idle; cuts a pending backoff short when `now` is set. */
  kick(now = false): void {
    if (now && this.wake) this.wake();
    if (!this.running && !this.stopped) void this.pump();
  }

  /** Resolves when every chunk queued now has left the outbox (stored or refused), or after maxWaitMs. Never rejects. */
  whenSent(maxWaitMs: number): Promise<void> {
    const pending = new Set(this.outbox.list());
    if (!pending.size) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.waiters.push({
        pending,
        done() {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Stops sending for good (what is unsent stays persisted for the next page load). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.settleWaiters(true);
  }

  private settleWaiters(all = false): void {
    const queued = new Set(this.outbox.list());
    this.waiters = this.waiters.filter((w) => {
      const finished = all || ![...w.pending].some((c) => queued.has(c));
      if (finished) w.done();
      return !finished;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      let refreshes = 0;
      for (let chunk = this.outbox.first(); chunk && !this.stopped; chunk = this.outbox.first()) {
        await chunk.ready;
        const token = await this.events.getToken(refreshes > 0).catch(() => null);
        const outcome = token ? await uploadChunk(this.endpoint, token, chunk, false, this.transport) : { kind: "unauthorized" as const };
        if (this.stopped) break;
        if (outcome.kind === "stored") {
          this.outbox.remove(chunk);
          this.events.onWatched(outcome.watched === true);
          this.attempt = 0;
          refreshes = 0;
        } else if (outcome.kind === "unauthorized" && refreshes < TOKEN_REFRESH_ATTEMPTS) {
          refreshes++;
        } else if (outcome.kind === "retry" || outcome.kind === "unauthorized") {
          refreshes = outcome.kind === "unauthorized" ? 1 : 0;
          const wait =
            outcome.kind === "retry" && outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, RETRY_MAX_MS) : backoffDelay(this.attempt++);
          await this.sleep(wait);
        } else if (outcome.kind === "session_gone") {
          this.outbox.removeSession(chunk.sessionId);
          this.events.onSessionGone(chunk.sessionId);
        } else if (outcome.kind === "disabled") {
          this.events.onDisabled();
          break;
        } else {
          this.outbox.remove(chunk);
          this.events.onRejected(chunk, outcome.code);
        }
        this.settleWaiters();
      }
    } finally {
      this.running = false;
      this.settleWaiters(this.stopped);
    }
  }
}
