import type { ReplayEvent } from "../replay/events";
import { parseSessionFrame } from "./frames";
import { type LiveConnection, LiveSocket, type LiveSocketOptions } from "./live-socket";

/** What a session's live socket tells the player. */
export interface SessionFeedHandlers {
  /** The socket (re)opened; chunks up to `lastSeq` were stored before, the rest will come as frames. */
  onHello(lastSeq: number | null): void;
  /** A chunk stored after the socket opened: exactly the events its signed URL would return. */
  onChunk(seq: number, events: ReplayEvent[]): void;
  /** The session was erased: the feed has stopped and does not reconnect. */
  onErased(): void;
  onConnection(connection: LiveConnection): void;
}

/**
 * Follows one session as it is recorded (contract §9): its socket, reopened with a fresh ticket
 * after every drop, until `stop()` or an `erased` frame. Returns the stop function.
 */
export function followSession(handlers: SessionFeedHandlers, socket: Pick<LiveSocketOptions, "connectUrl" | "openSocket" | "random">): () => void {
  const live = new LiveSocket({
    ...socket,
    onConnection: handlers.onConnection,
    onFrame(raw) {
      const frame = parseSessionFrame(raw);
      if (!frame) return;
      if (frame.type === "hello") handlers.onHello(frame.lastSeq);
      else if (frame.type === "chunk") handlers.onChunk(frame.seq, frame.events);
      else {
        // Stop before the server's close arrives, so that close is not taken for a drop.
        live.stop();
        handlers.onErased();
      }
    },
  });
  live.start();
  return () => live.stop();
}
