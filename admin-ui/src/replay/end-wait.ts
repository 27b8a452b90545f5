import { type Accessor, createSignal } from "solid-js";
import type { ReplayPlayer } from "./create-player";

/** Waiting at the end of what has arrived, for the chunks on their way or a followed live session's next ones. */
export interface EndWait {
  /** Paused at the end of what has arrived, to play on when more does (to the admin, still playing). */
  buffering: Accessor<boolean>;
  /** Whether more is coming; when it stops, a replay waiting at the end has ended. */
  expectMore(player: ReplayPlayer, more: boolean, running: () => boolean): void;
  /** Called every frame while the player runs: true if it reached `end` and now waits there. */
  reachedEnd(player: ReplayPlayer, t: number, end: number): boolean;
  /** Stops waiting (a seek, a pause, or the events came). */
  clear(): void;
}

/**
 * While more is coming, rrweb must not end the replay at its last event (ending forgets what it
 * played, so the next play rebuilds the page), and its clock must stop there (running on, the next
 * chunk would then play in one burst): the replay pauses at the end, and the controller plays on
 * when events arrive.
 */
export function createEndWait(): EndWait {
  const [buffering, setBuffering] = createSignal(false);
  /** What the player was told (rrweb's live mode: no end at the last event). */
  let holding = false;
  return {
    buffering,
    expectMore(player, more, running) {
      if (more === holding) return;
      holding = more;
      player.holdAtEnd(more);
      if (more) return;
      // Checked after the events just added have landed (rrweb adds them a microtask later), or
      // the chunk that ended the wait would be cut off.
      queueMicrotask(() => {
        if (holding) return;
        setBuffering(false);
        if (running() && player.currentTime() >= player.meta().totalTime) player.pause();
      });
    },
    reachedEnd(player, t, end) {
      if (!holding || t < end) return false;
      setBuffering(true);
      player.pause();
      return true;
    },
    clear: () => setBuffering(false),
  };
}
