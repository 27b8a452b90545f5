import Player from "rrweb-player";
import { EventType, type ReplayEvent } from "./events";
import { SPEEDS } from "./replay-controller";
/** Tallest the replay gets, as a share of the window, so the controls stay visible. */
const MAX_HEIGHT_SHARE = 0.62;

/** The player as the controller drives it: rrweb-player in the app, a fake in unit tests. */
export interface ReplayPlayer {
  /** "playing" or "paused", each time rrweb's state machine changes. */
  onState(handler: (playing: boolean) => void): void;
  addEvent(event: ReplayEvent): void;
  /** Epoch ms of the first event and the length of what it holds, ms. */
  meta(): { startTime: number; totalTime: number };
  /** Where the replay is now, ms from the first event. */
  currentTime(): number;
  /** Goes to `offsetMs` and plays from there, or stays paused there. */
  goto(offsetMs: number, play: boolean): void;
  pause(): void;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
  /** While true, reaching the last event does not end the replay: it waits for more (rrweb's live mode). */
  holdAtEnd(on: boolean): void;
  destroy(): void;
}

/** How a player starts; it starts paused, so that its first state change is heard (see the controller). */
export interface PlayerSettings {
  events: ReplayEvent[];
  speed: number;
  skipInactive: boolean;
}

/** Makes a player in `host`; the controller is generic over the host so unit tests need no DOM. */
export type CreatePlayer<Host> = (host: Host, settings: PlayerSettings) => ReplayPlayer;

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

/** The recorded viewport (first Meta event), for the replay's aspect ratio. */
function recordedViewport(events: ReplayEvent[]): { width: number; height: number } {
  const meta = events.find((e) => e.type === EventType.Meta);
  if (meta && typeof meta.data === "object" && "width" in meta.data && meta.data.width > 0 && meta.data.height > 0)
    return { width: meta.data.width, height: meta.data.height };
  return { width: 1280, height: 720 };
}

/**
 * rrweb-player in `host`, with its own controller hidden (showController:false) because ours adds
 * what it lacks: click/input/navigation markers, gaps, 16x, real keyboard seeking. It renders the
 * replay into rrweb's sandboxed iframe ("allow-same-origin", never scripts) and follows the host's width.
 */
export const createRrwebPlayer: CreatePlayer<HTMLElement> = (host, settings) => {
  const viewport = recordedViewport(settings.events);
  const size = () => {
    const width = Math.max(320, host.clientWidth || 960);
    const maxHeight = Math.max(240, window.innerHeight * MAX_HEIGHT_SHARE);
    return { width, height: Math.min(maxHeight, Math.round((width * viewport.height) / viewport.width)) };
  };
  const player = new Player({
    target: host,
    props: {
      events: settings.events,
      ...size(),
      maxScale: 0,
      // Started by the controller once it listens: an autoplaying player announces "playing" while
      // it is being built, before anyone can listen, and the Play button then read "Play".
      autoPlay: false,
      speed: settings.speed,
      speedOption: [...SPEEDS],
      skipInactive: settings.skipInactive,
      showController: false,
      // rrweb pauses CSS animations while the replay is paused: an entry animation (a fade-in) that
      // a pause or a seek stops at its first frame leaves its element invisible. Let them finish.
      pauseAnimation: false,
      // Never true: it would add "allow-scripts" to the replay iframe's sandbox.
      UNSAFE_replayCanvas: false,
      // rrweb would move focus into the replay iframe whenever the recording focused a field,
      // taking the admin's keyboard (shortcuts, the timeline) with it.
      triggerFocus: false,
      mouseTail: { strokeStyle: "rgba(37, 99, 235, 0.6)", lineWidth: 2, duration: 500 },
    },
  }) as SveltePlayer;
  const resize = new ResizeObserver(() => {
    player.$set(size());
    player.triggerResize();
  });
  resize.observe(host);
  const replayer = player.getReplayer();
  return {
    onState: (handler) => player.addEventListener("ui-update-player-state", (p) => handler(payloadOf(p) === "playing")),
    addEvent: (e) => player.addEvent(e),
    meta: () => player.getMetaData(),
    currentTime: () => replayer.getCurrentTime(),
    goto: (offsetMs, play) => player.goto(offsetMs, play),
    pause: () => player.pause(),
    // Straight to rrweb: the Svelte controller's setSpeed restarts from its own clock, which stops
    // at the end of the events it had when it started playing.
    setSpeed: (speed) => replayer.setConfig({ speed }),
    setSkipInactive: (on) => player.$set({ skipInactive: on }),
    holdAtEnd: (on) => replayer.setConfig({ liveMode: on }),
    destroy() {
      resize.disconnect();
      player.pause();
      player.$destroy();
    },
  };
};
