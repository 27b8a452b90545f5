import { DurableObject } from "cloudflare:workers";
import { sessionObject } from "../session/session-stub";
import { log } from "../log";
import { acceptSocket, answerPings, finishClose } from "./accept-socket";
import { broadcast } from "./frames";
import { LiveSessionTable } from "./live-table";
import type { SessionEntry } from "./session-entry";
import { TicketTable } from "./ticket-table";
import type { StoredTicket } from "./tickets";

/** The directory's name: one object for the whole deployment (see docs/architecture.md on sharding it). */
export const DIRECTORY_NAME = "directory";
/** Tag of list sockets. */
const LIST_TAG = "list";
/**
 * A listed session whose object said nothing for this long is taken off as ended. Its object
 * speaks at least every 60 s while it is listed (heartbeats every 30 s, the end 60 s after the
 * last chunk), so this only fires when an object's alarm failed for good.
 */
export const LISTING_STALE_MS = 90_000;

/** The LiveDirectory stub (one per deployment). */
export function liveDirectory(env: Env) {
  return env.LIVE_DIRECTORY.get(env.LIVE_DIRECTORY.idFromName(DIRECTORY_NAME));
}

/**
 * The list of sessions being recorded (contract §9) and the live tickets. Session objects send it
 * at most one message per session per 30 s (start, heartbeat, end); it keeps the entry and passes
 * it to the list sockets. Its alarm forgets expired tickets and stale listings.
 */
export class LiveDirectory extends DurableObject<Env> {
  private readonly sessions: LiveSessionTable;
  private readonly tickets: TicketTable;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sessions = new LiveSessionTable(ctx.storage.sql);
    this.tickets = new TicketTable(ctx.storage.sql);
    answerPings(ctx);
  }

  /**
   * A list socket (the live routes forward the upgrade): first the live sessions, then each change.
   * The first one open tells the listed sessions' objects, which then send each chunk's entry at
   * once instead of at most every 30 s (contract §9: "whenever one ... gets a chunk").
   */
  override async fetch(request: Request): Promise<Response> {
    const first = this.listSockets().length === 0;
    const res = acceptSocket(this.ctx, request, LIST_TAG, { type: "sessions", sessions: this.sessions.list().map((l) => l.entry) });
    if (first && res.status === 101) this.ctx.waitUntil(this.tellListWatched());
    return res;
  }

  /**
   * A session started, got chunks, or ended: keep (or drop) its entry and tell the list sockets.
   * The answer says whether anyone watches the list, so the session's object knows whether to
   * send each chunk's entry at once (watched) or keep to one message per 30 s.
   */
  async sessionChanged(entry: SessionEntry): Promise<{ listWatched: boolean }> {
    const listed = this.sessions.get(entry.id) !== null;
    if (entry.status === "live") this.sessions.put(entry, Date.now());
    else if (listed) this.sessions.remove(entry.id);
    // An end for a session never listed (its start came too late) is news to nobody.
    if (entry.status === "live" || listed) broadcast(this.listSockets(), { type: "session", session: entry });
    await this.scheduleSweep();
    return { listWatched: this.listSockets().length > 0 };
  }

  /** Ids of the sessions listed as live: the admin list asks their objects for what D1 has not got yet. */
  liveSessionIds(): string[] {
    return this.sessions.list().map((l) => l.entry.id);
  }

  /** An erased session leaves the list at once (announced as ended: the list shows live ones only). */
  sessionGone(sessionId: string): void {
    const listed = this.sessions.get(sessionId);
    if (!listed) return;
    this.sessions.remove(sessionId);
    broadcast(this.ctx.getWebSockets(LIST_TAG), { type: "session", session: { ...listed.entry, status: "ended" } });
  }

  /** Keeps a minted ticket (its hash) until it is used or expires. */
  async storeTicket(ticket: StoredTicket): Promise<void> {
    this.tickets.put(ticket);
    await this.scheduleSweep();
  }

  /** Uses a ticket up: returns what it was minted for, or null if it is unknown or used. Expiry is the caller's to judge. */
  redeemTicket(hash: string): StoredTicket | null {
    return this.tickets.take(hash);
  }

  override async alarm(): Promise<void> {
    for (const { entry } of this.sessions.staleSince(Date.now() - LISTING_STALE_MS)) {
      this.sessions.remove(entry.id);
      broadcast(this.ctx.getWebSockets(LIST_TAG), { type: "session", session: { ...entry, status: "ended" } });
    }
    await this.scheduleSweep();
  }

  /** The next alarm: the earliest ticket expiry or listing to go stale, if any. */
  private async scheduleSweep(): Promise<void> {
    const now = Date.now();
    const ticketDue = this.tickets.prune(now);
    const oldest = this.sessions.oldestUpdate();
    const due = Math.min(ticketDue ?? Infinity, oldest === null ? Infinity : oldest + LISTING_STALE_MS);
    if (due === Infinity) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > due) await this.ctx.storage.setAlarm(due);
  }

  private listSockets(): WebSocket[] {
    return this.ctx.getWebSockets(LIST_TAG).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private async tellListWatched(): Promise<void> {
    const told = await Promise.allSettled(this.sessions.list().map((l) => sessionObject(this.env, l.entry.id).listWatched()));
    const failed = told.filter((t) => t.status === "rejected").length;
    if (failed) log.warn("list watchers not told to some session objects", { failed });
  }

  override webSocketMessage(): void {
    // List sockets only listen; their pings are answered without waking this object.
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    finishClose(ws, code, reason);
  }

  override webSocketError(ws: WebSocket): void {
    finishClose(ws, 1011, "socket error");
  }
}
