import { onCleanup, onMount } from "solid-js";
import { isDialogOpen, isTypingTarget } from "../lib/keyboard";
import { SPEEDS, type ReplayController } from "./replay-controller";
import { arrowStep } from "./seek-steps";

/** The player's keyboard shortcuts on the whole page while the calling component is mounted. */
export function bindReplayKeys(controller: ReplayController) {
  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target) || isDialogOpen()) return;
      const step = arrowStep(e);
      const speedIndex = Number(e.key) - 1;
      if (e.key === " " || e.key === "k") {
        // Space on a focused button would also click it: let the button do it alone.
        if (e.key === " " && e.target instanceof HTMLButtonElement) return;
        controller.toggle();
      } else if (e.key === "ArrowLeft") controller.seek(controller.currentTime() - step);
      else if (e.key === "ArrowRight") controller.seek(controller.currentTime() + step);
      else if (e.key === "Home") controller.seek(0);
      else if (e.key === "End") controller.seek(controller.totalTime());
      else if (speedIndex >= 0 && speedIndex < SPEEDS.length) controller.setSpeed(SPEEDS[speedIndex]);
      else if (e.key === "s") controller.setSkipInactive(!controller.skipInactive());
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    onCleanup(() => document.removeEventListener("keydown", onKey));
  });
}
