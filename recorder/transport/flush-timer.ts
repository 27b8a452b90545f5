/** While an admin watches the session live, chunks are cut at least this often (contract §9: at least once a second). */
export const WATCHED_FLUSH_INTERVAL_MS = 1_000;
/**
 * Each wait is the interval ± this fraction, drawn afresh every time, so tabs opened together do
 * not upload in lock-step (that phase lock also trips workers-sdk#14641 under `wrangler dev`).
 */
export const FLUSH_JITTER = 0.2;

/**
 * The clock that cuts buffered events into chunks: every `normalMs` (± 20 %), or at most every
 * second while the server's answers say the session is watched, back to normal as soon as they stop.
 */
export class FlushTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watched = false;

  /** `random` returns [0, 1): injectable so tests can pin the jitter. */
  constructor(
    private readonly normalMs: number,
    private readonly tick: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Starts ticking. */
  start(): void {
    this.arm();
  }

  /** Stops for good (a later setWatched only records the state). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** What the last upload answer said; the interval changes only when that changes. */
  setWatched(watched: boolean): void {
    if (watched === this.watched) return;
    this.watched = watched;
    if (this.timer !== null) this.arm();
  }

  /** The interval in force now, before jitter. */
  get intervalMs(): number {
    return this.watched ? Math.min(this.normalMs, WATCHED_FLUSH_INTERVAL_MS) : this.normalMs;
  }

  /** The next wait: ± FLUSH_JITTER around the interval, but only shorter while watched (the 1 s is a bound). */
  nextDelayMs(): number {
    const spread = this.watched ? -this.random() : 2 * this.random() - 1;
    return Math.round(this.intervalMs * (1 + FLUSH_JITTER * spread));
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.arm();
      this.tick();
    }, this.nextDelayMs());
  }
}
