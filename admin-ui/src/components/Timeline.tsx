import { type Component, For } from "solid-js";
import type { Marker } from "../replay/markers";
import { formatOffset } from "../lib/format";

interface Props {
  current: number;
  total: number;
  /** Epoch ms of offset 0. */
  start: number;
  markers: Marker[];
  gaps: Marker[];
  onSeek(offsetMs: number): void;
}

/** Keyboard steps: arrows move 5 s, Shift+arrows 1 s, PageUp/PageDown 30 s. */
const STEP_MS = 5_000;
const FINE_STEP_MS = 1_000;
const PAGE_STEP_MS = 30_000;

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

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    track.setPointerCapture(e.pointerId);
    seekToPointer(e.clientX);
    const move = (m: PointerEvent) => seekToPointer(m.clientX);
    const up = () => {
      track.removeEventListener("pointermove", move);
      track.removeEventListener("pointerup", up);
    };
    track.addEventListener("pointermove", move);
    track.addEventListener("pointerup", up);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? FINE_STEP_MS : STEP_MS;
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step, PageDown: -PAGE_STEP_MS, PageUp: PAGE_STEP_MS };
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
        <For each={props.markers}>{(m) => <div class={`timeline-marker marker-${m.kind}`} title={`${formatOffset(m.at - props.start)} ${m.label}`} style={{ left: `${pct(m.at - props.start)}%` }} />}</For>
        <div class="timeline-handle" style={{ left: `${pct(props.current)}%` }} />
      </div>
      <span class="timeline-time" aria-hidden="true">
        {formatOffset(props.total)}
      </span>
    </div>
  );
};

export default Timeline;
