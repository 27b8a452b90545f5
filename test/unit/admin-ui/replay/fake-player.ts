import type { PlayerSettings, ReplayPlayer } from "../../../../admin-ui/src/replay/create-player.ts";
import type { ReplayEvent } from "../../../../admin-ui/src/replay/events.ts";
import { newest } from "../../../helpers/newest.ts";

/**
 * A player that behaves as rrweb-player does where the controller depends on it: added events land
 * a microtask later, state changes are announced a microtask later, and reaching the last event
 * ends the replay unless it is held (rrweb's live mode). Its clock moves only by `advance`.
 */
export class FakePlayer implements ReplayPlayer {
  static made: FakePlayer[] = [];
  events: ReplayEvent[];
  isPlaying = false;
  time = 0;
  held = false;
  speed: number;
  gotos: Array<{ at: number; play: boolean }> = [];
  private handlers: Array<(playing: boolean) => void> = [];

  constructor(
    readonly host: string,
    settings: PlayerSettings,
  ) {
    this.events = [...settings.events];
    this.speed = settings.speed;
    FakePlayer.made.push(this);
  }

  static create = (host: string, settings: PlayerSettings) => new FakePlayer(host, settings);

  /** The latest player the controller made. */
  static last(): FakePlayer {
    return newest(FakePlayer.made, "no player was made");
  }

  onState(handler: (playing: boolean) => void) {
    this.handlers.push(handler);
  }

  addEvent(event: ReplayEvent) {
    queueMicrotask(() => {
      this.events.push(event);
      this.events.sort((a, b) => a.timestamp - b.timestamp);
    });
  }

  meta() {
    const start = this.events[0].timestamp;
    return { startTime: start, totalTime: this.events[this.events.length - 1].timestamp - start };
  }

  currentTime() {
    return this.time;
  }

  goto(at: number, play: boolean) {
    this.gotos.push({ at, play });
    this.time = at;
    this.setState(play);
  }

  pause() {
    this.setState(false);
  }

  setSpeed(speed: number) {
    this.speed = speed;
  }

  setSkipInactive() {}

  holdAtEnd(on: boolean) {
    this.held = on;
  }

  destroy() {}

  /** Plays `ms` on; past the last event the replay ends, unless held. */
  advance(ms: number) {
    if (!this.isPlaying) return;
    this.time += ms;
    const total = this.meta().totalTime;
    if (this.time >= total && !this.held) {
      this.time = total;
      this.setState(false);
    }
  }

  private setState(playing: boolean) {
    this.isPlaying = playing;
    queueMicrotask(() => {
      for (const h of this.handlers) h(playing);
    });
  }
}
