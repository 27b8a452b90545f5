import { type Component, createEffect, createMemo, createSignal, onCleanup, onMount, untrack } from "solid-js";
import { revalidate } from "@solidjs/router";
import { getSessionDetail } from "../../api/admin";
import type { SessionDetail } from "../../api/schemas";
import { ChunkStream } from "../../replay/chunk-stream";
import { MarkerBuilder, type Marker } from "../../replay/markers";
import { insightMarkers } from "../../replay/insight-markers";
import { failedChunkGap, findSeqGaps } from "../../replay/gaps";
import { SPEEDS, createReplayController } from "../../replay/replay-controller";
import { createRrwebPlayer } from "../../replay/create-player";
import { arrowStep } from "../../replay/seek-steps";
import { isDialogOpen, isTypingTarget } from "../../lib/keyboard";
import ReplayPlayer from "../../components/ReplayPlayer";
import PlayerControls from "../../components/PlayerControls";
import EventList from "../../components/EventList";
import { createSessionFollow } from "../../live/follow-session";

/** While a live session has no open socket (not connected yet, or no live route), poll for new chunks this often. */
const LIVE_POLL_MS = 5_000;

interface Props {
  session: SessionDetail;
  /** Opened from /admin/live: go to the newest events once the stored ones are in. */
  followLive?: boolean;
  /** The live socket said the session was erased. */
  onErased(): void;
}

/** The player, its controls and the event list; chunks stream in as the detail lists them and, live, as the socket pushes them. */
const SessionReplay: Component<Props> = (props) => {
  const controller = createReplayController(createRrwebPlayer);
  const builder = new MarkerBuilder();
  const [markers, setMarkers] = createSignal<Marker[]>([]);
  const [failed, setFailed] = createSignal<Marker[]>([]);
  const [settled, setSettled] = createSignal<ReadonlySet<number>>(new Set());
  const refresh = () => void revalidate(getSessionDetail.keyFor(props.session.id));
  const settle = (seq: number) => setSettled((s) => new Set(s).add(seq));

  const stream = new ChunkStream({
    onChunk(seq, events) {
      controller.addEvents(events);
      const added = builder.add(events);
      if (added.length) setMarkers((m) => [...m, ...added]);
      settle(seq);
    },
    onChunkFailed(chunk, reason) {
      setFailed((f) => [...f, failedChunkGap(chunk, reason)]);
      settle(chunk.seq);
    },
    // Fresh signed URLs come with a re-fetched detail, which flows back in through the effect below.
    requestFreshUrls: refresh,
  });
  createEffect(() => stream.update(props.session.chunks, props.session.urlsExpireAt));
  onCleanup(() => stream.stop());

  // The timeline spans every listed chunk from the start, instead of growing as they load.
  const waiting = createMemo(() => props.session.chunks.filter((c) => !settled().has(c.seq)).length);
  createEffect(() => controller.expect(Math.max(0, ...props.session.chunks.map((c) => c.endedAt)), waiting() > 0));

  // A session recorded right now is followed through its live socket; decided once, when opened.
  const follow = untrack(() => props.session.status === "live" || props.followLive)
    ? createSessionFollow({ sessionId: props.session.id, stream, refresh, onErased: () => props.onErased() })
    : null;
  // Without an open socket (connecting, retrying, or no live route), poll until the session ended.
  createEffect(() => {
    if (props.session.status !== "live" || follow?.connection().state === "open") return;
    const timer = setInterval(refresh, LIVE_POLL_MS);
    onCleanup(() => clearInterval(timer));
  });
  // Opened from /admin/live: once the stored chunks are in, go to the newest events.
  let jumped = !props.followLive;
  createEffect(() => {
    if (jumped || waiting() > 0 || !controller.ready()) return;
    jumped = true;
    controller.jumpToLive();
  });

  const gaps = createMemo(() => [...findSeqGaps(props.session.chunks), ...failed()]);
  // The server's insights (rage and dead clicks) sit beside the clicks they are about.
  const insights = createMemo(() => insightMarkers(props.session.insights));
  const allMarkers = createMemo(() => [...markers(), ...insights()].sort((a, b) => a.at - b.at));
  const entries = createMemo(() => [...allMarkers(), ...gaps()].sort((a, b) => a.at - b.at));

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

  const chunkCount = () => props.session.chunks.length;
  const loadingText = () =>
    chunkCount() === 0 ? "Waiting for the first chunk…" : `Loading chunk ${Math.min(settled().size + 1, chunkCount())} of ${chunkCount()}…`;
  return (
    <div class="replay-layout">
      <div class="replay-main">
        <ReplayPlayer controller={controller} loadingText={loadingText()} />
        <PlayerControls controller={controller} markers={allMarkers()} gaps={gaps()} live={follow ?? undefined} />
      </div>
      <EventList entries={entries()} start={controller.startTime()} current={controller.currentTime()} onSeek={(t) => controller.seek(t)} />
    </div>
  );
};

export default SessionReplay;
