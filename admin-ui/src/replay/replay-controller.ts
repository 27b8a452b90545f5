import { createSignal, onCleanup } from "solid-js";
import { EventType, type ReplayEvent } from "./events";
import { UrlNeutralizer } from "./neutralize-urls";
import { PageStarts } from "./page-starts";
import type { CreatePlayer, ReplayPlayer } from "./create-player";

/** Speeds the contract asks for (§8). */
export const SPEEDS = [1, 2, 4, 8, 16] as const;

/** Following live, newer events further ahead of the replay than this are jumped to, not waited for. */
export const LIVE_CATCH_UP_MS = 1_000;
/** Play within this of the end starts over from the beginning. */
const RESTART_WITHIN_MS = 50;

/** Drives one replay player: events stream in, the UI reads signals and calls the methods. */
export interface ReplayController<Host = HTMLElement> {
  /** Offset into the replay, ms. */
  currentTime(): number;
  /** Length of the session as far as it is known, ms (see `expect`): it does not grow as chunks load. */
  totalTime(): number;
  /** Epoch ms of the first event (0 until the player exists). */
  startTime(): number;
  playing(): boolean;
  /** True while the replay keeps to the newest events of a live session as they arrive. */
  following(): boolean;
  speed(): number;
  skipInactive(): boolean;
  /** True once enough events arrived to show something. */
  ready(): boolean;
  /** Where the player goes; it is created there once the first events are in. */
  mount(host: Host): void;
  addEvents(events: ReplayEvent[]): void;
  /**
   * The chunks listed so far end at `endMs` (epoch); `more` while some of them have not arrived:
   * reaching the end of what has arrived then waits for them instead of ending the replay.
   */
  expect(endMs: number, more: boolean): void;
  toggle(): void;
  play(): void;
  /** Pauses; events keep being added (a live session keeps buffering), and following stops. */
  pause(): void;
  /** Jumps to `offsetMs` (clamped to what has arrived); keeps playing if it was playing. */
  seek(offsetMs: number): void;
  /** Goes to the newest events, plays, and keeps following the ones that arrive. */
  jumpToLive(): void;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
}

/**
 * Creates the controller around a player made by `createPlayer` (create-player.ts's rrweb-player in
 * the app, a fake in unit tests). Every event goes through the URL neutralizer first: a replay must
 * fetch nothing (issue 9 §5).
 */
export function createReplayController<Host>(createPlayer: CreatePlayer<Host>): ReplayController<Host> {
  const [currentTime, setCurrentTime] = createSignal(0);
  const [loadedTime, setLoadedTime] = createSignal(0);
  const [expectedEnd, setExpectedEnd] = createSignal(0);
  const [startTime, setStartTime] = createSignal(0);
  const [playing, setPlaying] = createSignal(false);
  const [following, setFollowing] = createSignal(false);
  const [speed, setSpeedSignal] = createSignal(1);
  const [skipInactive, setSkipSignal] = createSignal(true);
  const [ready, setReady] = createSignal(false);
  const neutralizer = new UrlNeutralizer();
  const pages = new PageStarts();
  let player: ReplayPlayer | null = null;
  let host: Host | undefined;
  let pending: ReplayEvent[] = [];
  let moreExpected = false;
  let holding = false;
  let ticking = false;

  const totalTime = () => Math.max(loadedTime(), startTime() > 0 ? expectedEnd() - startTime() : 0);

  // rrweb-player reports the time only until the end of the events it had when it started playing;
  // read it every frame instead, so the time keeps up with chunks that arrive meanwhile.
  const tick = () => {
    if (!player || !playing()) {
      ticking = false;
      return;
    }
    setCurrentTime(Math.min(player.currentTime(), loadedTime()));
    requestAnimationFrame(tick);
  };

  /** Waits at the end while chunks are on their way or a live session is followed; ends it otherwise. */
  const applyHold = () => {
    if (!player) return;
    const hold = following() || moreExpected;
    if (hold === holding) return;
    holding = hold;
    player.holdAtEnd(hold);
    // Held past the last event, rrweb never saw its end: end it now.
    if (!hold && playing() && player.currentTime() >= loadedTime()) player.pause();
  };

  const refreshMeta = () => {
    if (!player) return;
    const meta = player.meta();
    setStartTime(meta.startTime);
    setLoadedTime(meta.totalTime);
    applyHold();
  };

  const create = () => {
    if (player || host === undefined) return;
    // rrweb's Replayer needs two events and something to draw: wait for a full snapshot.
    if (pending.length < 2 || !pending.some((e) => e.type === EventType.FullSnapshot)) return;
    const events = pending;
    pending = [];
    const created = createPlayer(host, { events, speed: speed(), skipInactive: skipInactive() });
    player = created;
    created.onState((isPlaying) => {
      setPlaying(isPlaying);
      if (isPlaying && !ticking) {
        ticking = true;
        requestAnimationFrame(tick);
      }
    });
    refreshMeta();
    setReady(true);
    // Started only now that its state is heard (see create-player.ts).
    if (following()) goLive(created);
    else created.goto(0, true);
  };

  onCleanup(() => {
    player?.destroy();
    player = null;
  });

  const goLive = (p: ReplayPlayer) => {
    setFollowing(true);
    applyHold();
    setCurrentTime(loadedTime());
    p.goto(loadedTime() + 1, true);
  };

  const seek = (offsetMs: number) => {
    if (!player) return;
    setFollowing(false);
    applyHold();
    const loaded = loadedTime();
    const t = Math.min(Math.max(0, offsetMs), loaded);
    setCurrentTime(t);
    // rrweb applies events strictly before the target: aim just past the last event for "End",
    // and past the full snapshot of the page shown at `t` (see page-starts.ts).
    const target = t >= loaded ? t + 1 : pages.seekTarget(startTime() + t) - startTime();
    player.goto(target, playing());
  };

  return {
    currentTime,
    totalTime,
    startTime,
    playing,
    following,
    speed,
    skipInactive,
    ready,
    mount(el) {
      host = el;
      create();
    },
    addEvents(recorded) {
      if (recorded.length === 0) return;
      // The player only ever sees rewritten events: a replay must fetch nothing (issue 9 §5).
      const events = recorded.map((e) => neutralizer.rewrite(e));
      pages.add(events);
      if (!player) {
        pending.push(...events);
        create();
        return;
      }
      const p = player;
      for (const e of events) p.addEvent(e);
      // rrweb applies addEvent in a microtask; read the new length after those have run.
      queueMicrotask(() => {
        refreshMeta();
        const firstNew = events[0].timestamp - startTime();
        if (following() && playing() && firstNew > p.currentTime() + LIVE_CATCH_UP_MS) p.goto(firstNew, true);
      });
    },
    expect(endMs, more) {
      setExpectedEnd(endMs);
      moreExpected = more;
      applyHold();
    },
    toggle() {
      if (playing()) this.pause();
      else this.play();
    },
    play() {
      if (!player) return;
      // goto(…, true) rather than play(): after the end the player's play() restarts from 0, and in
      // a live session newer events may have arrived past the old end.
      const t = currentTime() >= loadedTime() - RESTART_WITHIN_MS ? 0 : currentTime();
      player.goto(t, true);
    },
    pause() {
      setFollowing(false);
      applyHold();
      player?.pause();
    },
    seek,
    jumpToLive() {
      if (player) goLive(player);
      // Before the first events: follow as soon as the player exists.
      else setFollowing(true);
    },
    setSpeed(s) {
      setSpeedSignal(s);
      player?.setSpeed(s);
    },
    setSkipInactive(on) {
      setSkipSignal(on);
      player?.setSkipInactive(on);
    },
  };
}
