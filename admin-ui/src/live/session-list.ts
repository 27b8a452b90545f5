import type { ListFrame, LiveSession } from "./frames";

/** Newest first; a session whose start is not known yet goes first (it just started). */
function byStartDesc(a: LiveSession, b: LiveSession): number {
  return (b.startedAt ?? Infinity) - (a.startedAt ?? Infinity) || a.id.localeCompare(b.id);
}

/**
 * The sessions being recorded after `frame`: the first frame of a (re)opened socket replaces the
 * list, an update puts a live session in (or refreshes it) and takes an ended one out.
 */
export function applyListFrame(list: LiveSession[], frame: ListFrame): LiveSession[] {
  if (frame.type === "sessions") return frame.sessions.filter((s) => s.status === "live").sort(byStartDesc);
  const others = list.filter((s) => s.id !== frame.session.id);
  return frame.session.status === "live" ? [...others, frame.session].sort(byStartDesc) : others;
}
