import { type Component, createEffect, createMemo, createSignal, onCleanup, onMount } from "solid-js";
import { revalidate } from "@solidjs/router";
import { getSessionDetail } from "../../api/admin";
import type { SessionDetail } from "../../api/schemas";
import { ChunkStream } from "../../replay/chunk-stream";
import { MarkerBuilder, type Marker } from "../../replay/markers";
import { failedChunkGap, findSeqGaps } from "../../replay/gaps";
import { SPEEDS, createReplayController } from "../../replay/replay-controller";
import { arrowStep } from "../../replay/seek-steps";
import { isDialogOpen, isTypingTarget } from "../../lib/keyboard";
import ReplayPlayer from "../../components/ReplayPlayer";
import PlayerControls from "../../components/PlayerControls";
import EventList from "../../components/EventList";

/** While a session is live, look for new chunks this often. */
const LIVE_POLL_MS = 5_000;

interface Props {
  session: SessionDetail;
}

/** The player, its controls and the event list; chunks stream in as the session detail lists them. */
const SessionReplay: Component<Props> = (props) => {
  const controller = createReplayController();
  const builder = new MarkerBuilder();
  const [markers, setMarkers] = createSignal<Marker[]>([]);
  const [failed, setFailed] = createSignal<Marker[]>([]);
  const [loaded, setLoaded] = createSignal(0);
  const refresh = () => void revalidate(getSessionDetail.keyFor(props.session.id));

  const stream = new ChunkStream({
    onChunk(_seq, events) {
      controller.addEvents(events);
      const added = builder.add(events);
      if (added.length) setMarkers((m) => [...m, ...added]);
      setLoaded((n) => n + 1);
    },
    onChunkFailed(chunk, reason) {
      setFailed((f) => [...f, failedChunkGap(chunk, reason)]);
      setLoaded((n) => n + 1);
    },
    // Fresh signed URLs come with a re-fetched detail, which flows back in through the effect below.
    requestFreshUrls: refresh,
  });
  createEffect(() => stream.update(props.session.chunks, props.session.urlsExpireAt));
  onCleanup(() => stream.stop());

  // A live session grows: poll for new chunks until it has ended.
  createEffect(() => {
    if (props.session.status !== "live") return;
    const timer = setInterval(refresh, LIVE_POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  const gaps = createMemo(() => [...findSeqGaps(props.session.chunks), ...failed()]);
  const entries = createMemo(() => [...markers(), ...gaps()].sort((a, b) => a.at - b.at));

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

  return (
    <div class="replay-layout">
      <div class="replay-main">
        <ReplayPlayer controller={controller} loadingText={`Loading chunk ${Math.min(loaded() + 1, props.session.chunks.length)} of ${props.session.chunks.length}…`} />
        <PlayerControls controller={controller} markers={markers()} gaps={gaps()} />
      </div>
      <EventList entries={entries()} start={controller.startTime()} current={controller.currentTime()} onSeek={(t) => controller.seek(t)} />
    </div>
  );
};

export default SessionReplay;
