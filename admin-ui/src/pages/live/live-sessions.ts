import { type Accessor, createSignal, onCleanup } from "solid-js";
import { liveSocketUrl } from "../../api/live";
import { type LiveSession, parseListFrame } from "../../live/frames";
import { type LiveConnection, LiveSocket } from "../../live/live-socket";
import { applyListFrame } from "../../live/session-list";

/** The sessions being recorded now, as the list socket tells them. */
export interface LiveSessions {
  sessions: Accessor<LiveSession[]>;
  connection: Accessor<LiveConnection>;
  /** False until the first frame (the whole list) arrived. */
  loaded: Accessor<boolean>;
}

/** Opens the list socket for as long as the calling component lives; every (re)open starts from its first frame. */
export function createLiveSessions(): LiveSessions {
  const [sessions, setSessions] = createSignal<LiveSession[]>([]);
  const [connection, setConnection] = createSignal<LiveConnection>({ state: "connecting" });
  const [loaded, setLoaded] = createSignal(false);
  const socket = new LiveSocket({
    connectUrl: () => liveSocketUrl({ kind: "list" }),
    onConnection: setConnection,
    onFrame(raw) {
      const frame = parseListFrame(raw);
      if (!frame) return;
      if (frame.type === "sessions") setLoaded(true);
      setSessions((list) => applyListFrame(list, frame));
    },
  });
  socket.start();
  onCleanup(() => socket.stop());
  return { sessions, connection, loaded };
}
