import { createSignal, onCleanup } from "solid-js";
import { EventType, type ReplayEvent } from "./events";
import { UrlNeutralizer } from "./neutralize-urls";
import { PageStarts } from "./page-starts";
import { createEndWait } from "./end-wait";
import type { CreatePlayer, ReplayPlayer } from "./create-player";

/** Speeds the contract asks for (§8). */
export const SPEEDS = [1, 2, 4, 8, 16] as const;

/** Play within this of the end starts over from the beginning. */
const RESTART_WITHIN_MS = 50;
/**
 * Following live, the replay keeps within this of the newest event: further behind (a long chunk
 * recorded before anyone watched, a tab in the background) it jumps to the newest, as on opening,
 * rather than play the backlog out in real time (contract §9: an event reaches the viewer within 2 s).
 */
export const LIVE_MAX_LAG_MS = 1_500;

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
  /** The player's own state. */
  const [running, setRunning] = createSignal(false);
  const [following, setFollowing] = createSignal(false);
  const [speed, setSpeedSignal] = createSignal(1);
  const [skipInactive, setSkipSignal] = createSignal(true);
  const [ready, setReady] = createSignal(false);
  const neutralizer = new UrlNeutralizer();
  const pages = new PageStarts();
  const endWait = createEndWait();
  let player: ReplayPlayer | null = null;
  let host: Host | undefined;
  let pending: ReplayEvent[] = [];
  let moreExpected = false;
  let ticking = false;

  const playing = () => running() || endWait.buffering();
  const totalTime = () => Math.max(loadedTime(), startTime() > 0 ? expectedEnd() - startTime() : 0);

  // rrweb-player reports the time only until the end of the events it had when it started playing:
  // read the player's clock every frame instead (and wait at the end while more is coming).
  const tick = () => {
    if (!player || !running()) {
      ticking = false;
      return;
    }
    const end = loadedTime();
    const t = player.currentTime();
    setCurrentTime(Math.min(t, end));
    if (endWait.reachedEnd(player, t, end)) ticking = false;
    else requestAnimationFrame(tick);
  };

  /** More is coming while chunks are on their way or a live session is followed (see end-wait.ts). */
  const applyHold = () => {
    if (player) endWait.expectMore(player, following() || moreExpected, running);
  };

  const refreshMeta = () => {
    if (!player) return;
    const meta = player.meta();
    setStartTime(meta.startTime);
    setLoadedTime(meta.totalTime);
    applyHold();
  };

  /**
   * Plays on after waiting at the end: just past the last event played (rrweb then plays only what
   * is newer); following live, from the first new event (a pause in the recording is not waited
   * out), or at the newest if that is more than LIVE_MAX_LAG_MS after it.
   */
  const playOn = (p: ReplayPlayer, firstNew: number) => {
    endWait.clear();
    const after = currentTime() + 1;
    if (!following()) return p.goto(after, true);
    const from = Math.max(after, firstNew);
    if (loadedTime() - from > LIVE_MAX_LAG_MS) goLive(p);
    else p.goto(from, true);
  };

  const create = () => {
    if (player || host === undefined) return;
    // rrweb's Replayer needs two events and something to draw: wait for a full snapshot.
    if (pending.length < 2 || !pending.some((e) => e.type === EventType.FullSnapshot)) return;
    const events = pending;
    pending = [];
    const created = createPlayer(host, { events, speed: speed(), skipInactive: skipInactive() });
    player = created;
    created.onState((isRunning) => {
      setRunning(isRunning);
      if (isRunning && !ticking) {
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
    endWait.clear();
    applyHold();
    setCurrentTime(loadedTime());
    p.goto(loadedTime() + 1, true);
  };

  const seek = (offsetMs: number) => {
    if (!player) return;
    const play = playing();
    setFollowing(false);
    endWait.clear();
    applyHold();
    const loaded = loadedTime();
    const t = Math.min(Math.max(0, offsetMs), loaded);
    setCurrentTime(t);
    // rrweb applies events strictly before the target: aim just past the last event for "End",
    // and past the full snapshot of the page shown at `t` (see page-starts.ts).
    const target = t >= loaded ? t + 1 : pages.seekTarget(startTime() + t) - startTime();
    player.goto(target, play);
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
        if (endWait.buffering()) playOn(p, events[0].timestamp - startTime());
        else if (following() && running() && loadedTime() - p.currentTime() > LIVE_MAX_LAG_MS) goLive(p);
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
      endWait.clear();
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
