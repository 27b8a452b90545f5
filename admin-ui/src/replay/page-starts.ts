import { EventType, type ReplayEvent } from "./events";

/**
 * Where each recorded page starts. A page load records a Meta event, then (a few ms to a few hundred
 * later) its full snapshot. rrweb applies the events strictly before a seek's target, so a seek that
 * lands from the Meta up to the snapshot itself (the event list's "Page" entries point at the Meta)
 * rebuilds nothing: a paused replay kept showing the previous page, scrolled where it was.
 */
export class PageStarts {
  private metas: number[] = [];
  private snapshots: number[] = [];

  /** Learns the Meta and full snapshot events among `events` (fed in time order). */
  add(events: ReplayEvent[]) {
    for (const e of events) {
      if (e.type === EventType.Meta) insertSorted(this.metas, e.timestamp);
      else if (e.type === EventType.FullSnapshot) insertSorted(this.snapshots, e.timestamp);
    }
  }

  /** Epoch ms to hand rrweb for a seek to `at`: just past the snapshot of the page shown at `at`. */
  seekTarget(at: number): number {
    const meta = lastAtOrBefore(this.metas, at) ?? -Infinity;
    const snapshot = this.snapshots.find((s) => s >= meta);
    return snapshot !== undefined && snapshot >= at ? snapshot + 1 : at;
  }
}

function insertSorted(list: number[], value: number) {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i--;
  list.splice(i, 0, value);
}

function lastAtOrBefore(list: number[], at: number): number | undefined {
  let found: number | undefined;
  for (const v of list) {
    if (v > at) break;
    found = v;
  }
  return found;
}
