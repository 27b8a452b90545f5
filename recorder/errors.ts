import { MAX_CAPTURE_ERRORS } from "./constants";

/**
 * Counts errors the recorder caught so none reaches the host page. Only the count leaves the
 * browser (meta.captureErrors, never the text: it could quote page data). Past MAX_CAPTURE_ERRORS
 * the recorder gives up for this page rather than keep failing on every event.
 */
export class ErrorCounter {
  private sinceLastChunk = 0;
  private total = 0;

  constructor(private readonly onLimit: () => void) {}

  /** Records one caught error. */
  record(): void {
    this.sinceLastChunk++;
    if (++this.total === MAX_CAPTURE_ERRORS) this.onLimit();
  }

  /** Errors since the last chunk was cut, and resets that count. */
  takeSinceLastChunk(): number {
    const n = this.sinceLastChunk;
    this.sinceLastChunk = 0;
    return n;
  }

  /** Wraps a callback so that it can never throw into its caller (the page, rrweb, a timer). */
  guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
    return (...args: A) => {
      try {
        return fn(...args);
      } catch {
        this.record();
        return undefined;
      }
    };
  }
}
