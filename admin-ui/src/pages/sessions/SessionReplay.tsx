import { type Component, createEffect, onCleanup, untrack } from "solid-js";
import { revalidate } from "@solidjs/router";
import { getSessionDetail } from "../../api/admin";
import type { SessionDetail } from "../../api/schemas";
import { createChunkReplay } from "../../replay/chunk-replay";
import { bindReplayKeys } from "../../replay/replay-keys";
import ReplayView from "../../components/ReplayView";
import { insightMarkers } from "../../replay/insight-markers";
import { createSessionFollow } from "../../live/follow-session";
import type { ReplayEvent } from "../../replay/events";

/** While a live session has no open socket (not connected yet, or no live route), poll for new chunks this often. */
const LIVE_POLL_MS = 5_000;

interface Props {
  session: SessionDetail;
  /** Opened from /admin/live: go to the newest events once the stored ones are in. */
  followLive?: boolean;
  /** The live socket said the session was erased. */
  onErased(): void;
  /** A chunk the live socket pushed. */
  onLiveChunk?(seq: number, events: ReplayEvent[]): void;
}

/** The player, its controls and the event list; chunks stream in as the detail lists them and, live, as the socket pushes them. */
const SessionReplay: Component<Props> = (props) => {
  const refresh = () => void revalidate(getSessionDetail.keyFor(props.session.id));
  const replay = createChunkReplay({
    chunks: () => props.session.chunks,
    urlsExpireAt: () => props.session.urlsExpireAt,
    refresh,
    // The server's insights (rage and dead clicks) sit beside the clicks they are about.
    serverMarkers: () => insightMarkers(props.session.insights),
  });
  const { controller, stream, waiting } = replay;

  // A session recorded right now is followed through its live socket; decided once, when opened.
  const follow = untrack(() => props.session.status === "live" || props.followLive)
    ? createSessionFollow({
        sessionId: props.session.id,
        stream,
        refresh,
        onErased: () => props.onErased(),
        onChunk: (seq, events) => props.onLiveChunk?.(seq, events),
      })
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
  bindReplayKeys(controller);

  return <ReplayView replay={replay} live={follow ?? undefined} />;
};

export default SessionReplay;
