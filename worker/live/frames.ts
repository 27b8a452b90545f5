import type { SessionEntry } from "./session-entry";

/**
 * The JSON text frames of the live sockets (contract §9). The server only sends; a client may
 * send PING_FRAME, which the runtime answers with PONG_FRAME without waking the object.
 */
export type LiveFrame =
  | { type: "hello"; sessionId: string; lastSeq: number | null }
  | { type: "chunk"; seq: number; events: unknown[] }
  | { type: "erased" }
  | { type: "sessions"; sessions: SessionEntry[] }
  | { type: "session"; session: SessionEntry };

/** Keep-alive a client may send on either socket, and the answer it gets. */
export const PING_FRAME = '{"type":"ping"}';
export const PONG_FRAME = '{"type":"pong"}';

/** Serializes a frame. */
export function frameText(frame: LiveFrame): string {
  return JSON.stringify(frame);
}

/**
 * Sends one frame to each socket; a socket that is closing or gone is skipped, so one dead
 * viewer never stops the others. Serialized once, only when someone listens.
 */
export function broadcast(sockets: WebSocket[], frame: LiveFrame): void {
  if (sockets.length) broadcastText(sockets, frameText(frame));
}

/** A chunk frame from the events' JSON text as stored, without parsing it again: the same JSON as frameText would make. */
export function chunkFrameText(seq: number, eventsJson: string): string {
  return `{"type":"chunk","seq":${seq},"events":${eventsJson}}`;
}

/** Sends one serialized frame to each socket (see broadcast). */
export function broadcastText(sockets: WebSocket[], text: string): void {
  for (const ws of sockets) {
    try {
      ws.send(text);
    } catch {
      // Closed between listing and sending: its close handler tidies up.
    }
  }
}
