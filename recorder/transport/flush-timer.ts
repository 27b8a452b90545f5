/** While an admin watches the session live, chunks are cut at least this often (contract §9: at least once a second). */
export const WATCHED_FLUSH_INTERVAL_MS = 1_000;

/**
 * The clock that cuts buffered events into chunks: every `normalMs`, or at most every second
 * while the server's answers say the session is watched, back to normal as soon as they stop.
 */
export class FlushTimer {
  private timer: ReturnType<typeof setInterval> | null = null;
  private watched = false;

  constructor(
    private readonly normalMs: number,
    private readonly tick: () => void,
  ) {}

  /** Starts ticking. */
  start(): void {
    this.arm();
  }

  /** Stops for good (a later setWatched only records the state). */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** What the last upload answer said; the interval changes only when that changes. */
  setWatched(watched: boolean): void {
    if (watched === this.watched) return;
    this.watched = watched;
    if (this.timer !== null) this.arm();
  }

  /** The interval in force now. */
  get intervalMs(): number {
    return this.watched ? Math.min(this.normalMs, WATCHED_FLUSH_INTERVAL_MS) : this.normalMs;
  }

  private arm(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = setInterval(this.tick, this.intervalMs);
  }
}
