/**
 * Batches rrweb's mutation emits. rrweb serializes what changed on every MutationObserver callback,
 * and most of its main-thread time goes to that per-emit work (a page with a 100 ms clock emits ten
 * times a second). After a mutation is emitted the page is frozen (rrweb's `freezePage`: records are
 * still collected, only serialization waits), and the next emit then carries everything that changed
 * in the window at once, with nodes added and removed again inside it never serialized at all.
 *
 * Order and completeness stay rrweb's: any other event it emits (input, scroll, a click, a full
 * snapshot's Meta) first unfreezes the page and emits the pending mutations, and the recorder
 * releases the batch before every cut, so a chunk always holds what changed before it was cut.
 * Right after a click or a keystroke the page stays unfrozen for a moment, so that the page's answer
 * to it replays on time.
 */

/** How long mutations are held at most (ms). */
export const MUTATION_BATCH_MS = 500;
/** After a discrete interaction, mutations pass straight through for this long (ms). */
export const INTERACTION_GRACE_MS = 250;
/** The custom event that releases a batch (rrweb unfreezes on any non-mutation event); the recorder drops it. */
export const RELEASE_TAG = "replay.release";

/** What the batcher needs from rrweb. */
export interface FreezeControls {
  freeze(): void;
  /** Makes rrweb emit a non-mutation event, which unfreezes the page and emits what is pending. */
  release(): void;
  now(): number;
}

/** Holds mutation emits for up to MUTATION_BATCH_MS; see the module comment. */
export class MutationBatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private graceUntil = 0;
  private releasing = false;

  constructor(
    private readonly controls: FreezeControls,
    private readonly windowMs = MUTATION_BATCH_MS,
  ) {}

  /** rrweb just emitted a mutation: hold the next ones until the window ends (unless an interaction just happened). */
  onMutation(): void {
    if (this.controls.now() < this.graceUntil) return;
    // rrweb unfreezes on every other event; freezing again is cheap, and the window stays the first one's.
    this.controls.freeze();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.emitHeld();
    }, this.windowMs);
  }

  /** A click or a key (rrweb has just emitted it): what the page does in answer passes straight through for a moment. */
  onInteraction(): void {
    this.graceUntil = this.controls.now() + INTERACTION_GRACE_MS;
    this.release();
  }

  /** Emits what is held now (before a cut, or when stopping). */
  release(): void {
    if (this.cancelTimer()) this.emitHeld();
  }

  /** Stops holding for good (the timer is cleared; what is held is left to the caller's release). */
  stop(): void {
    this.cancelTimer();
    this.graceUntil = Number.POSITIVE_INFINITY;
  }

  /** Clears the window's timer; true if one was running (something is held). */
  private cancelTimer(): boolean {
    if (this.timer === null) return false;
    clearTimeout(this.timer);
    this.timer = null;
    return true;
  }

  private emitHeld(): void {
    // Releasing emits mutations, which freeze again: never recursively.
    if (this.releasing) return;
    this.releasing = true;
    try {
      this.controls.release();
    } finally {
      this.releasing = false;
    }
  }
}
