// How far the keyboard seeks, the same on the timeline slider and on the page.

/** Arrow keys: 5 s. */
export const SEEK_STEP_MS = 5_000;
/** Shift + arrow keys: 1 s. */
export const FINE_SEEK_STEP_MS = 1_000;
/** PageUp/PageDown on the slider: 30 s. */
export const PAGE_SEEK_STEP_MS = 30_000;

/** The step of an arrow key press: fine with Shift. */
export function arrowStep(e: KeyboardEvent): number {
  return e.shiftKey ? FINE_SEEK_STEP_MS : SEEK_STEP_MS;
}
