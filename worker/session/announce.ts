import { liveDirectory } from "../live/live-directory";
import { presentSession } from "../live/session-entry";
import type { LiveStateTable } from "./live-state";
import type { SessionView } from "./session-view";

/**
 * Tells the directory about the session (start, heartbeat or end: its entry as the admin list
 * shows it, from the object's own state) and records what it has heard. Returns whether anyone
 * watches the list, so the object knows whether to send the next chunks' entries at once.
 */
export async function announceSession(env: Env, live: LiveStateTable, view: SessionView, now: number): Promise<boolean> {
  const snapshot = live.read();
  if (!snapshot) return false;
  const entry = presentSession(view.summary, now);
  const { listWatched } = await liveDirectory(env).sessionChanged(entry);
  const current = live.read();
  if (current) live.write({ ...current, chunksAnnounced: snapshot.chunksSeen, listed: entry.status === "live", announcedAt: now });
  return listWatched;
}
