import { type Component, For, Show } from "solid-js";
import { SPEEDS, type ReplayController } from "../replay/replay-controller";
import type { Marker } from "../replay/markers";
import type { SessionFollow } from "../live/follow-session";
import ConnectionStatus from "./ConnectionStatus";
import Timeline from "./Timeline";

interface Props {
  controller: ReplayController;
  markers: Marker[];
  gaps: Marker[];
  /** Set while a live session is followed through its socket. */
  live?: SessionFollow;
}

/** The "Live" badge, the socket's state and "Jump to live" while the session is being recorded. */
const LiveControls: Component<{ controller: ReplayController; live: SessionFollow }> = (props) => (
  <div class="live-controls">
    <Show when={props.live.live()}>
      <span class="status status-live live-badge" classList={{ following: props.controller.following() }} data-testid="live-badge">
        ● Live
      </span>
      <button
        type="button"
        data-testid="jump-to-live"
        disabled={!props.controller.ready() || props.controller.following()}
        onClick={() => props.controller.jumpToLive()}
      >
        {props.controller.following() ? "Following live" : "Jump to live ⇥"}
      </button>
    </Show>
    <ConnectionStatus connection={props.live.connection()} />
  </div>
);

/** The insight markers the legend names when the timeline shows them. */
const INSIGHT_LEGEND: ReadonlyArray<readonly [Marker["kind"], string]> = [
  ["rage_click", "rage"],
  ["dead_click", "dead"],
];

/** Play/pause, the timeline, speeds and the skip-inactivity switch under the replay. */
const PlayerControls: Component<Props> = (props) => {
  const c = () => props.controller;
  const has = (kind: Marker["kind"]) => props.markers.some((m) => m.kind === kind);
  return (
    <div class="player-controls" aria-disabled={!c().ready()}>
      <Timeline
        current={c().currentTime()}
        total={c().totalTime()}
        start={c().startTime()}
        markers={props.markers}
        gaps={props.gaps}
        onSeek={(t) => c().seek(t)}
      />
      <div class="control-row">
        <button
          type="button"
          class="primary play-button"
          data-testid="play-toggle"
          disabled={!c().ready()}
          aria-label={c().playing() ? "Pause (Space)" : "Play (Space)"}
          onClick={() => c().toggle()}
        >
          {c().playing() ? "❚❚ Pause" : "▶ Play"}
        </button>
        <div class="speeds" role="group" aria-label="Speed">
          <For each={[...SPEEDS]}>
            {(s, i) => (
              <button
                type="button"
                class="speed"
                aria-pressed={c().speed() === s}
                title={`${s}x (key ${i() + 1})`}
                data-testid={`speed-${s}`}
                onClick={() => c().setSpeed(s)}
              >
                {s}x
              </button>
            )}
          </For>
        </div>
        <label class="switch">
          <input type="checkbox" data-testid="skip-inactive" checked={c().skipInactive()} onChange={(e) => c().setSkipInactive(e.currentTarget.checked)} />
          Skip inactivity
        </label>
        <Show when={props.live}>{(live) => <LiveControls controller={c()} live={live()} />}</Show>
        <span class="legend" aria-hidden="true">
          <span class="dot marker-click" /> click <span class="dot marker-input" /> input <span class="dot marker-navigation" /> page{" "}
          <span class="dot marker-gap" /> gap
          {/* Insights only where the timeline has them: a shared replay never does (contract §10). */}
          <For each={INSIGHT_LEGEND.filter(([kind]) => has(kind))}>
            {([kind, name]) => (
              <>
                {" "}
                <span class={`dot marker-${kind}`} /> {name}
              </>
            )}
          </For>
        </span>
      </div>
      <p class="shortcuts muted small">
        <kbd>Space</kbd> play/pause · <kbd>←</kbd>
        <kbd>→</kbd> ±5 s (<kbd>Shift</kbd> ±1 s) · <kbd>Home</kbd>/<kbd>End</kbd> · <kbd>1</kbd>–<kbd>5</kbd> speed · <kbd>S</kbd> skip inactivity
      </p>
    </div>
  );
};

export default PlayerControls;
