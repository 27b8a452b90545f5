import { toBase64Url } from "../crypto/codec";

/** A ticket opens one socket within this long of being minted (contract §9: at most 60 s). */
export const TICKET_TTL_MS = 60_000;
/** Random bytes in a ticket: 32, so 43 characters of unpadded base64url. */
const TICKET_BYTES = 32;
const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What a ticket opens: the list of live sessions, or one session's socket. */
export type TicketTarget = "list" | `session:${string}`;

/** The target a session socket's ticket is minted for. */
export function sessionTarget(sessionId: string): TicketTarget {
  return `session:${sessionId}`;
}

/** A ticket as the directory keeps it: only the SHA-256 of the ticket, never the ticket. */
export interface StoredTicket {
  hash: string;
  target: TicketTarget;
  /** The admin who minted it: upgrades are rate-limited per minter. */
  mintedBy: string;
  expiresAt: number;
}

/** SHA-256 of a ticket, base64url: what is stored and looked up. */
export async function hashTicket(ticket: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(ticket))));
}

/** A fresh random ticket and its hash. */
export async function newTicket(): Promise<{ ticket: string; hash: string }> {
  const ticket = toBase64Url(crypto.getRandomValues(new Uint8Array(TICKET_BYTES)));
  return { ticket, hash: await hashTicket(ticket) };
}

/** Whether a string could be a ticket this server minted (anything else is unknown without a lookup). */
export function looksLikeTicket(value: string | undefined): value is string {
  return value !== undefined && TICKET_PATTERN.test(value);
}
