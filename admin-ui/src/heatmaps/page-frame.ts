import { toPageUrl } from "../../../protocol/page-url";
import { dataOf, EventType, type ReplayEvent } from "../replay/events";

/** Events after a page's full snapshot replayed into its frame: late layout and lazy content settle in them. */
export const FRAME_SETTLE_MS = 1_000;

/** The recorder's event for a single-page app's history change (rrweb sends no Meta for it). */
function routeHref(e: ReplayEvent): string | null {
  if (e.type !== EventType.Custom) return null;
  const data = dataOf(e);
  const payload = data.payload;
  const href = data.tag === "navigation" && payload && typeof payload === "object" && "href" in payload ? payload.href : null;
  return typeof href === "string" ? href : null;
}

/** Where page `url` starts at event `i`: a Meta (a page load) or a route change to it. */
function opensPage(e: ReplayEvent, url: string): boolean {
  const href = e.type === EventType.Meta ? dataOf(e).href : routeHref(e);
  return typeof href === "string" && toPageUrl(href) === url;
}

/** Whether event `e` takes the recording to another page. */
function leavesPage(e: ReplayEvent): boolean {
  return e.type === EventType.Meta || routeHref(e) !== null;
}

/**
 * The events that draw one frame of page `url` from a recorded session: from the last Meta whose
 * full snapshot shows that page (a page load), or that a route change to it follows (a single-page
 * app's view), through FRAME_SETTLE_MS after the snapshot or the route change (never into the next
 * page). Replayed and paused at their end, they show the page as the recording saw it. Null when
 * the session never shows that page after a full snapshot (the window dropped it, say).
 */
export function pickPageFrame(events: readonly ReplayEvent[], url: string): { events: ReplayEvent[]; width: number; height: number } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const opening = events[i];
    if (!opening || !opensPage(opening, url)) continue;
    // The page load this view is drawn from: the Meta at `i`, or the last one before a route change.
    const metaAt = opening.type === EventType.Meta ? i : events.findLastIndex((e, j) => j < i && e.type === EventType.Meta);
    const meta = events[metaAt];
    if (!meta) continue;
    const snapshot = events.findIndex((e, j) => j > metaAt && e.type === EventType.FullSnapshot);
    const nextMeta = events.findIndex((e, j) => j > metaAt && e.type === EventType.Meta);
    if (snapshot < 0 || (nextMeta >= 0 && nextMeta < snapshot) || (opening.type !== EventType.Meta && snapshot > i)) continue;
    const shownAt = Math.max(snapshot, i);
    const until = (events[shownAt]?.timestamp ?? 0) + FRAME_SETTLE_MS;
    const end = events.findIndex((e, j) => j > shownAt && (leavesPage(e) || e.timestamp > until));
    const data = dataOf(meta);
    const width = typeof data.width === "number" ? data.width : 0;
    const height = typeof data.height === "number" ? data.height : 0;
    return { events: events.slice(metaAt, end < 0 ? events.length : end), width, height };
  }
  return null;
}
