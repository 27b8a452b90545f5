import { createSignal, onCleanup } from "solid-js";
import Player from "rrweb-player";
import { EventType, type ReplayEvent } from "./events";
import { UrlNeutralizer } from "./neutralize-urls";

/** Speeds the contract asks for (§8). */
export const SPEEDS = [1, 2, 4, 8, 16] as const;
/** Tallest the replay gets, as a share of the window, so the controls stay visible. */
const MAX_HEIGHT_SHARE = 0.62;

/** Drives one rrweb-player: events stream in, the UI reads signals and calls the methods. */
export interface ReplayController {
  /** Offset into the replay, ms. */
  currentTime(): number;
  /** Length of what has arrived so far, ms. */
  totalTime(): number;
  /** Epoch ms of the first event (0 until the player exists). */
  startTime(): number;
  playing(): boolean;
  speed(): number;
  skipInactive(): boolean;
  /** True once enough events arrived to show something. */
  ready(): boolean;
  /** Where the player goes; it is created there once the first events are in. */
  mount(el: HTMLElement): void;
  addEvents(events: ReplayEvent[]): void;
  toggle(): void;
  play(): void;
  pause(): void;
  /** Jumps to `offsetMs` (clamped); keeps playing if it was playing. */
  seek(offsetMs: number): void;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
}

/**
 * rrweb-player is a Svelte component; its typings extend `SvelteComponent` from the `svelte` package,
 * which is not installed (nothing else needs it), so the two Svelte methods used here are typed here.
 */
type SveltePlayer = Player & {
  $set(props: Partial<{ width: number; height: number; skipInactive: boolean }>): void;
  $destroy(): void;
};

function payloadOf(params: unknown): unknown {
  return typeof params === "object" && params !== null && "payload" in params ? params.payload : undefined;
}

/**
 * Creates the controller. rrweb-player runs with its own controller hidden (showController:false)
 * because ours adds what it lacks: click/input/navigation markers, gaps, 16x, real keyboard seeking.
 * It still renders the replay into rrweb's sandboxed iframe ("allow-same-origin", never scripts).
 */
export function createReplayController(): ReplayController {
  const [currentTime, setCurrentTime] = createSignal(0);
  const [totalTime, setTotalTime] = createSignal(0);
  const [startTime, setStartTime] = createSignal(0);
  const [playing, setPlaying] = createSignal(false);
  const [speed, setSpeedSignal] = createSignal(1);
  const [skipInactive, setSkipSignal] = createSignal(true);
  const [ready, setReady] = createSignal(false);
  let player: SveltePlayer | null = null;
  let host: HTMLElement | null = null;
  let pending: ReplayEvent[] = [];
  const neutralizer = new UrlNeutralizer();
  let resize: ResizeObserver | null = null;
  let viewport = { width: 1280, height: 720 };
  /** Offset of the first full snapshot: seeking before it would leave the old page on screen. */
  let firstSnapshotOffset = 0;

  const size = () => {
    const width = Math.max(320, host?.clientWidth ?? 960);
    const maxHeight = Math.max(240, window.innerHeight * MAX_HEIGHT_SHARE);
    const height = Math.min(maxHeight, Math.round((width * viewport.height) / viewport.width));
    return { width, height };
  };

  const refreshMeta = () => {
    if (!player) return;
    const meta = player.getMetaData();
    setStartTime(meta.startTime);
    setTotalTime(meta.totalTime);
  };

  const create = () => {
    if (player || !host) return;
    // rrweb's Replayer needs two events and something to draw: wait for a full snapshot.
    if (pending.length < 2 || !pending.some((e) => e.type === EventType.FullSnapshot)) return;
    const meta = pending.find((e) => e.type === EventType.Meta);
    if (meta && typeof meta.data === "object" && "width" in meta.data && meta.data.width > 0 && meta.data.height > 0) viewport = { width: meta.data.width, height: meta.data.height };
    const events = pending;
    pending = [];
    const snapshot = events.find((e) => e.type === EventType.FullSnapshot);
    firstSnapshotOffset = snapshot ? snapshot.timestamp - events[0].timestamp : 0;
    const created = new Player({
      target: host,
      props: {
        events,
        ...size(),
        maxScale: 0,
        autoPlay: true,
        speed: speed(),
        speedOption: [...SPEEDS],
        skipInactive: skipInactive(),
        showController: false,
        // Never true: it would add "allow-scripts" to the replay iframe's sandbox.
        UNSAFE_replayCanvas: false,
        // rrweb would move focus into the replay iframe whenever the recording focused a field,
        // taking the admin's keyboard (shortcuts, the timeline) with it.
        triggerFocus: false,
        mouseTail: { strokeStyle: "rgba(37, 99, 235, 0.6)", lineWidth: 2, duration: 500 },
      },
    }) as SveltePlayer;
    player = created;
    created.addEventListener("ui-update-current-time", (p) => {
      const t = payloadOf(p);
      if (typeof t === "number") setCurrentTime(Math.min(t, totalTime()));
    });
    created.addEventListener("ui-update-player-state", (p) => setPlaying(payloadOf(p) === "playing"));
    refreshMeta();
    setReady(true);
    resize = new ResizeObserver(() => {
      if (!player) return;
      player.$set(size());
      player.triggerResize();
    });
    resize.observe(host);
  };

  onCleanup(() => {
    resize?.disconnect();
    player?.pause();
    player?.$destroy();
    player = null;
  });

  const seek = (offsetMs: number) => {
    if (!player) return;
    const t = Math.min(Math.max(0, offsetMs), totalTime());
    setCurrentTime(t);
    // rrweb applies events strictly before the target and schedules the one at it, so aim just
    // past the first full snapshot (for "Home") and just past the last event (for "End").
    const target = t >= totalTime() ? t + 1 : Math.max(t, firstSnapshotOffset + 1);
    player.goto(target, playing());
  };

  return {
    currentTime,
    totalTime,
    startTime,
    playing,
    speed,
    skipInactive,
    ready,
    mount(el) {
      host = el;
      create();
    },
    addEvents(recorded) {
      if (recorded.length === 0) return;
      // rrweb-player only ever sees rewritten events: a replay must fetch nothing (issue 9 §5).
      const events = recorded.map((e) => neutralizer.rewrite(e));
      if (!player) {
        pending.push(...events);
        create();
        return;
      }
      for (const e of events) player.addEvent(e);
      // rrweb applies addEvent in a microtask; read the new length after those have run.
      queueMicrotask(refreshMeta);
    },
    toggle() {
      if (playing()) this.pause();
      else this.play();
    },
    play() {
      if (!player) return;
      // goto(…, true) rather than play(): after "finish" the player's play() restarts from 0,
      // and in a live session newer events may have arrived past the old end.
      const t = currentTime() >= totalTime() - 50 ? 0 : currentTime();
      player.goto(t, true);
    },
    pause() {
      player?.pause();
    },
    seek,
    setSpeed(s) {
      setSpeedSignal(s);
      player?.setSpeed(s);
    },
    setSkipInactive(on) {
      setSkipSignal(on);
      player?.$set({ skipInactive: on });
    },
  };
}
