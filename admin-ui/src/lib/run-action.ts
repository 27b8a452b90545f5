/** How an action shows itself: its busy state, and its error line (null clears it). */
export interface ActionState {
  busy(on: boolean): void;
  error(message: string | null): void;
}

/** An error's message for the page, or `fallback` for a throw that is not an Error. */
export function describeError(err: unknown, fallback: string): string {
  return err instanceof Error ? err.message : fallback;
}

/**
 * Runs a button's action: busy while it runs and its old error cleared; a failure becomes the
 * error line (`fallback` when the throw says nothing) instead of an unhandled rejection.
 */
export async function runAction(state: ActionState, fallback: string, action: () => Promise<unknown>): Promise<void> {
  state.busy(true);
  state.error(null);
  try {
    await action();
  } catch (err) {
    state.error(describeError(err, fallback));
  } finally {
    state.busy(false);
  }
}
