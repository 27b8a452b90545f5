import * as z from "zod/mini";
import { api } from "./client";

const ticketAnswer = z.object({ ticket: z.string(), expiresAt: z.number() });

/** What a live socket watches: the list of live sessions, or one session. */
export type LiveTarget = { kind: "list" } | { kind: "session"; sessionId: string };

/** Path of the WebSocket route of `target` (contract §9). */
function socketPath(target: LiveTarget): string {
  return target.kind === "list" ? "/api/admin/live" : `/api/admin/sessions/${encodeURIComponent(target.sessionId)}/live`;
}

/** The socket URL on the page's own origin: `wss:` for an https page, `ws:` for a local http one. */
export function socketUrl(target: LiveTarget, ticket: string, page: Pick<Location, "protocol" | "host">): string {
  const scheme = page.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${page.host}${socketPath(target)}?ticket=${encodeURIComponent(ticket)}`;
}

/**
 * Mints a single-use ticket for `target` (browsers cannot send a token with a WebSocket upgrade)
 * and returns the URL that opens its socket.
 */
export async function liveSocketUrl(target: LiveTarget): Promise<string> {
  const body = target.kind === "list" ? {} : { sessionId: target.sessionId };
  const { ticket } = await api("/api/admin/live/tickets", ticketAnswer, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return socketUrl(target, ticket, location);
}
