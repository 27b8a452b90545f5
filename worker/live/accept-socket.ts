import { errorBody } from "../errors";
import { frameText, PING_FRAME, PONG_FRAME, type LiveFrame } from "./frames";

/** Set by the live routes on the upgrade they forward: the admin whose ticket opened the socket. */
export const VIEWER_HEADER = "X-Live-Viewer";
/** Set by the live routes on a session upgrade: the session the socket follows. */
export const SESSION_HEADER = "X-Live-Session";

/** Kept on each socket with `serializeAttachment`, so it survives the object's hibernation. */
export interface ViewerAttachment {
  viewer: string | null;
  openedAt: number;
}

/** Pings get their pong from the runtime itself, so an idle viewer never wakes a hibernating object. */
export function answerPings(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
}

/**
 * Accepts a viewer's WebSocket with the Hibernation API (the object may sleep while it stays
 * open), tags it, and sends `first` before anything else can be sent on it. The live routes have
 * checked Origin and ticket already; a request that is not an upgrade gets 426.
 */
export function acceptSocket(ctx: DurableObjectState, request: Request, tag: string, first: LiveFrame): Response {
  if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    return Response.json(errorBody("upgrade_required", "Open this with a WebSocket"), { status: 426 });
  }
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server, [tag]);
  const attachment: ViewerAttachment = { viewer: request.headers.get(VIEWER_HEADER), openedAt: Date.now() };
  server.serializeAttachment(attachment);
  server.send(frameText(first));
  return new Response(null, { status: 101, webSocket: client });
}

/** Finishes a close the viewer started (the runtime may have answered it already). */
export function finishClose(ws: WebSocket, code: number, reason: string): void {
  try {
    // 1005/1006 say "no code"; they may not be sent back.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  } catch {
    // Already closed.
  }
}
