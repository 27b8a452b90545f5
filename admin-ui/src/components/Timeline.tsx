import { type Component, For } from "solid-js";
import type { Marker } from "../replay/markers";
import { formatOffset } from "../lib/format";
import { PAGE_SEEK_STEP_MS, arrowStep } from "../replay/seek-steps";

interface Props {
  current: number;
  total: number;
  /** Epoch ms of offset 0. */
  start: number;
  markers: Marker[];
  gaps: Marker[];
  onSeek(offsetMs: number): void;
}

/**
 * The seek bar: a real slider (focusable, arrow keys, aria values) with markers for clicks, inputs
 * and navigations, and hatched spans where chunks are missing.
 */
const Timeline: Component<Props> = (props) => {
  let track!: HTMLDivElement;
  const pct = (offset: number) => (props.total > 0 ? Math.min(100, Math.max(0, (offset / props.total) * 100)) : 0);

  const seekToPointer = (clientX: number) => {
    const rect = track.getBoundingClientRect();
    const share = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    props.onSeek(share * props.total);
  };

  // Dragging: the track captures the pointer, so its moves arrive here until the button is let go.
  let dragging = false;
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    track.setPointerCapture(e.pointerId);
    dragging = true;
    seekToPointer(e.clientX);
  };
  const onPointerMove = (e: PointerEvent) => dragging && seekToPointer(e.clientX);
  const endDrag = () => {
    dragging = false;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = arrowStep(e);
    const moves: Record<string, number> = {
      ArrowLeft: -step,
      ArrowDown: -step,
      ArrowRight: step,
      ArrowUp: step,
      PageDown: -PAGE_SEEK_STEP_MS,
      PageUp: PAGE_SEEK_STEP_MS,
    };
    if (e.key in moves) props.onSeek(props.current + moves[e.key]);
    else if (e.key === "Home") props.onSeek(0);
    else if (e.key === "End") props.onSeek(props.total);
    else return;
    // Handled here: the page-level shortcuts must not seek a second time.
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div class="timeline">
      <span class="timeline-time" aria-hidden="true">
        {formatOffset(props.current)}
      </span>
      <div
        ref={track}
        class="timeline-track"
        role="slider"
        tabindex="0"
        aria-label="Seek"
        aria-valuemin={0}
        aria-valuemax={Math.round(props.total)}
        aria-valuenow={Math.round(props.current)}
        aria-valuetext={`${formatOffset(props.current)} of ${formatOffset(props.total)}`}
        data-testid="timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={onKeyDown}
      >
        <div class="timeline-fill" style={{ width: `${pct(props.current)}%` }} />
        <For each={props.gaps}>
          {(g) => (
            <div
              class="timeline-gap"
              data-testid="timeline-gap"
              title={g.label}
              style={{ left: `${pct(g.at - props.start)}%`, width: `max(4px, ${pct((g.until ?? g.at) - props.start) - pct(g.at - props.start)}%)` }}
            />
          )}
        </For>
        <For each={props.markers}>
          {(m) => (
            <div
              class={`timeline-marker marker-${m.kind}`}
              title={`${formatOffset(m.at - props.start)} ${m.label}`}
              style={{ left: `${pct(m.at - props.start)}%` }}
            />
          )}
        </For>
        <div class="timeline-handle" style={{ left: `${pct(props.current)}%` }} />
      </div>
      <span class="timeline-time" aria-hidden="true">
        {formatOffset(props.total)}
      </span>
    </div>
  );
};

export default Timeline;
