import { type Component, createEffect, createSignal, onCleanup } from "solid-js";
import { createAsync } from "@solidjs/router";
import { getSessionDetail } from "../../api/admin";
import type { ReplayEvent } from "../../replay/events";
import { ChunkStream } from "../../replay/chunk-stream";
import { createReplayController } from "../../replay/replay-controller";
import { createRrwebPlayer } from "../../replay/create-player";
import { pickPageFrame } from "../../heatmaps/page-frame";

interface Props {
  /** The recorded session to take the frame from. */
  sessionId: string;
  /** The page (heatmap URL) to show. */
  url: string;
  /** The recorded viewport of the frame once known, or null when the session cannot show the page. */
  onViewport(viewport: { width: number; height: number } | null): void;
}

/**
 * One still frame of a page, replayed from a recorded session with the player's own modules (the
 * URL neutralizer, rrweb's sandboxed iframe) and paused just after the page's full snapshot. Made
 * once per page: the component is keyed on the page, not on the heatmap's other filters.
 */
const PageFrame: Component<Props> = (props) => {
  const detail = createAsync(() => getSessionDetail(props.sessionId));
  const controller = createReplayController(createRrwebPlayer);
  const [events, setEvents] = createSignal<ReplayEvent[] | null>(null);
  let loaded: ReplayEvent[] = [];
  let settled = 0;

  const stream = new ChunkStream({
    onChunk(_seq, chunk) {
      loaded = loaded.concat(chunk);
      if (++settled === detail()?.chunks.length) setEvents(loaded);
    },
    onChunkFailed() {
      if (++settled === detail()?.chunks.length) setEvents(loaded);
    },
    // A frame is a one-off: expired URLs just leave the page without one.
    requestFreshUrls() {},
  });
  onCleanup(() => stream.stop());
  createEffect(() => {
    const d = detail();
    if (!d) return;
    if (d.chunks.length === 0) setEvents([]);
    else stream.update(d.chunks, d.urlsExpireAt);
  });

  createEffect(() => {
    const all = events();
    if (!all) return;
    const frame = pickPageFrame(all, props.url);
    props.onViewport(frame && frame.width > 0 ? { width: frame.width, height: frame.height } : null);
    if (frame) controller.addEvents(frame.events);
  });
  // Shown still: paused at the end of the frame's events.
  createEffect(() => {
    if (!controller.ready()) return;
    controller.pause();
    controller.seek(controller.totalTime());
  });

  return <div class="heatmap-frame replay-host" ref={(el) => controller.mount(el)} data-testid="heatmap-frame" />;
};

export default PageFrame;
