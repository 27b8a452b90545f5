import type { Insight } from "../api/schemas";
import type { Marker } from "./markers";

const TITLES: Record<Insight["type"], string> = { rage_click: "Rage click", dead_click: "Dead click" };

/** "Rage click on button 'Pay' (5 clicks)": an insight as the timeline and the event list name it. */
export function describeInsight(i: Insight): string {
  const on = i.label ? ` on ${i.label}` : ` at ${Math.round(i.x)}, ${Math.round(i.y)}`;
  const clicks = i.type === "rage_click" && i.clicks ? ` (${i.clicks} clicks)` : "";
  return `${TITLES[i.type]}${on}${clicks}`;
}

/** The session's insights as markers, in time order. */
export function insightMarkers(insights: readonly Insight[] | undefined): Marker[] {
  return (insights ?? []).map((i) => ({ kind: i.type, at: i.at, label: describeInsight(i) })).sort((a, b) => a.at - b.at);
}
