import { toPageUrl } from "../../../protocol/page-url";
import { dataOf, EventType, type ReplayEvent } from "../replay/events";

/** Events after a page's full snapshot replayed into its frame: late layout and lazy content settle in them. */
export const FRAME_SETTLE_MS = 1_000;

/**
 * The events that draw one frame of page `url` from a recorded session: from the last Meta of that
 * page that a full snapshot follows, through FRAME_SETTLE_MS after it (never into the next page).
 * Replayed and paused at their end, they show the page as the recording saw it. Null when the
 * session never shows that page from a full snapshot (the window dropped it, say).
 */
export function pickPageFrame(events: readonly ReplayEvent[], url: string): { events: ReplayEvent[]; width: number; height: number } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const meta = events[i];
    if (!meta || meta.type !== EventType.Meta) continue;
    const data = dataOf(meta);
    if (typeof data.href !== "string" || toPageUrl(data.href) !== url) continue;
    const snapshot = events.findIndex((e, j) => j > i && e.type === EventType.FullSnapshot);
    const next = events.findIndex((e, j) => j > i && e.type === EventType.Meta);
    if (snapshot < 0 || (next >= 0 && next < snapshot)) continue;
    const until = (events[snapshot]?.timestamp ?? 0) + FRAME_SETTLE_MS;
    const end = events.findIndex((e, j) => j > snapshot && (e.type === EventType.Meta || e.timestamp > until));
    const width = typeof data.width === "number" ? data.width : 0;
    const height = typeof data.height === "number" ? data.height : 0;
    return { events: events.slice(i, end < 0 ? events.length : end), width, height };
  }
  return null;
}
