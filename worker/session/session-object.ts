import { DurableObject } from "cloudflare:workers";
import { database } from "../db/client";
import { getSession } from "../db/admin-queries";
import { acceptSocket, answerPings, finishClose, SESSION_HEADER } from "../live/accept-socket";
import { broadcast } from "../live/frames";
import { liveDirectory } from "../live/live-directory";
import { presentSession } from "../live/session-entry";
import { nextNotice } from "./directory-notice";
import { LiveStateTable, type LiveState } from "./live-state";

/** Tag of viewer sockets. */
const VIEWER_TAG = "viewer";
/** Uploads still say `watched` this long after the last viewer left (contract §9). */
export const WATCHED_GRACE_MS = 5_000;

/** A chunk the upload route has stored: what viewers get, exactly as a signed URL returns it. */
export interface StoredChunk {
  sessionId: string;
  seq: number;
  events: unknown[];
  /** When the upload was received, by the server's clock. */
  receivedAt: number;
}

/**
 * One session's Durable Object (named by `idFromName(sessionId)`). Phase 1 of issue 10: it holds
 * the session's viewers (hibernatable sockets), pushes each stored chunk to them, tells the
 * directory when the session starts, goes on and ends, and forgets everything on erasure.
 * Phase 2 makes it the session's single writer (R2, D1 index, window); its SQLite is where that
 * state goes, next to `live_state`.
 */
export class SessionObject extends DurableObject<Env> {
  private readonly state: LiveStateTable;
  private lastViewerLeftAt: number | null = null;
  /** A directory announcement under way: erasure waits for it, so the removal lands last. */
  private announcing: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.state = new LiveStateTable(ctx.storage.sql);
    answerPings(ctx);
  }

  /** A viewer's socket (the live route forwards the upgrade): hello first, then every chunk stored from now on. */
  override async fetch(request: Request): Promise<Response> {
    const state = this.state.read();
    const sessionId = request.headers.get(SESSION_HEADER) ?? state?.sessionId ?? "";
    return acceptSocket(this.ctx, request, VIEWER_TAG, { type: "hello", sessionId, lastSeq: state?.lastSeq ?? null });
  }

  /**
   * Called by the upload route once a chunk is stored: pushes it to the viewers (in the order
   * chunks are stored, since the object takes one call at a time and sends before any await) and
   * schedules the directory's news. Says whether anyone watches, so the recorder sends faster.
   */
  async chunkStored(chunk: StoredChunk): Promise<{ watched: boolean }> {
    const before = this.state.read();
    const state: LiveState = {
      sessionId: chunk.sessionId,
      lastSeq: Math.max(before?.lastSeq ?? -1, chunk.seq),
      lastChunkAt: Math.max(before?.lastChunkAt ?? 0, chunk.receivedAt),
      chunksSeen: (before?.chunksSeen ?? 0) + 1,
      chunksAnnounced: before?.chunksAnnounced ?? 0,
      listed: before?.listed ?? false,
      announcedAt: before?.announcedAt ?? null,
    };
    this.state.write(state);
    broadcast(this.viewers(), { type: "chunk", seq: chunk.seq, events: chunk.events });
    await this.scheduleNotice(state);
    return { watched: this.isWatched(Date.now()) };
  }

  /** The session was erased: viewers get `erased` and are closed, the directory drops it, and this object keeps nothing. */
  async erase(): Promise<void> {
    await this.announcing;
    await this.forget(this.state.read());
  }

  /** Tells the directory what is due (start, heartbeat or end), reading the session's summary from D1. */
  override async alarm(): Promise<void> {
    const state = this.state.read();
    const notice = state && nextNotice(state);
    if (!state || !notice) return;
    const now = Date.now();
    if (notice.at > now) return this.scheduleNotice(state);
    this.announcing = this.announce(state, now);
    try {
      await this.announcing;
    } finally {
      this.announcing = null;
    }
  }

  override webSocketMessage(): void {
    // Viewers only listen; their pings are answered by the runtime without waking this object.
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    this.lastViewerLeftAt = Date.now();
    finishClose(ws, code, reason);
  }

  override webSocketError(ws: WebSocket): void {
    this.lastViewerLeftAt = Date.now();
    finishClose(ws, 1011, "socket error");
  }

  private async announce(snapshot: LiveState, now: number): Promise<void> {
    const summary = await getSession(database(this.env.DB), snapshot.sessionId);
    // Stored chunks are indexed before the upload calls us, so a session D1 does not show is being
    // erased: a chunk raced its erasure here. Nothing of it may stay.
    if (!summary) return this.forget(snapshot);
    const entry = presentSession(summary, now);
    await liveDirectory(this.env).sessionChanged(entry);
    const current = this.state.read();
    if (!current) return;
    const state: LiveState = {
      ...current,
      chunksAnnounced: snapshot.chunksSeen,
      listed: entry.status === "live",
      announcedAt: now,
      // D1 may know of a later chunk (one whose call here failed): the end waits for it too.
      lastChunkAt: Math.max(current.lastChunkAt, summary.lastChunkAt ?? 0),
    };
    this.state.write(state);
    await this.scheduleNotice(state);
  }

  private async forget(state: LiveState | null): Promise<void> {
    const sockets = this.ctx.getWebSockets(VIEWER_TAG);
    broadcast(sockets, { type: "erased" });
    for (const ws of sockets) finishClose(ws, 1000, "session erased");
    if (state?.listed) await liveDirectory(this.env).sessionGone(state.sessionId);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.state.forget();
  }

  private async scheduleNotice(state: LiveState): Promise<void> {
    const notice = nextNotice(state);
    const current = await this.ctx.storage.getAlarm();
    if (!notice) {
      if (current !== null) await this.ctx.storage.deleteAlarm();
    } else if (current !== notice.at) {
      await this.ctx.storage.setAlarm(notice.at);
    }
  }

  private viewers(): WebSocket[] {
    return this.ctx.getWebSockets(VIEWER_TAG).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private isWatched(now: number): boolean {
    return this.viewers().length > 0 || (this.lastViewerLeftAt !== null && now - this.lastViewerLeftAt < WATCHED_GRACE_MS);
  }
}
