import { DurableObject } from "cloudflare:workers";
import { acceptSocket, answerPings, finishClose, SESSION_HEADER } from "../live/accept-socket";
import { broadcast, broadcastText, chunkFrameText } from "../live/frames";
import { liveDirectory } from "../live/live-directory";
import { describeError, log } from "../log";
import { announceSession } from "./announce";
import { ChunkWriter } from "./chunk-writer";
import { nextAlarmAt, nextNotice } from "./directory-notice";
import type { ChunkAnswer, IncomingChunk } from "./incoming-chunk";
import { feedInsights } from "./chunk-insights";
import { flushIndex, isEndFlush, nextFlushAt } from "./index-flush";
import { InsightTable } from "./insight-table";
import { KeptChunkTable } from "./kept-chunks";
import { afterChunk, LiveStateTable, type LiveState } from "./live-state";
import { SessionStateTable } from "./session-state";
import { viewSession, type SessionView } from "./session-view";
import { eventsJsonOf } from "../storage/chunk-body";
import type { KeptBlob } from "./session-reads";

/** Tag of viewer sockets. */
const VIEWER_TAG = "viewer";
/** Uploads still say `watched` this long after the last viewer left (contract §9). */
export const WATCHED_GRACE_MS = 5_000;
/** After a failed index flush or directory notice, the alarm tries again this much later. */
const RETRY_AFTER_MS = 10_000;

/**
 * One session's Durable Object (named by `idFromName(sessionId)`), its session's single writer
 * (issue 10): the upload route's one RPC hands it a validated chunk, which it checks (owner, seq,
 * window), encrypts, puts into R2 and keeps in its SQLite; D1's index follows in batches from its
 * alarm (index-flush.ts). It also holds the viewers (hibernatable sockets), pushes each stored
 * chunk to them, tells the directory when the session starts, goes on and ends, and forgets
 * everything on erasure. Calls run one at a time (`serialize`), so no two of them interleave
 * at an await: races between chunks, flushes and erasure of one session cannot happen here.
 */
export class SessionObject extends DurableObject<Env> {
  private readonly live: LiveStateTable;
  private readonly state: SessionStateTable;
  private readonly chunks: KeptChunkTable;
  private readonly insights: InsightTable;
  private readonly writer: ChunkWriter;
  private lastViewerLeftAt: number | null = null;
  private retryAt = 0;
  /** Whether the directory said, in its last answer, that someone watches the list. */
  private listIsWatched = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** When the alarm is set (null: none), as this object last set or read it; undefined until read in this life. */
  private alarmAt: number | null | undefined = undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.state = new SessionStateTable(ctx.storage.sql);
    this.chunks = new KeptChunkTable(ctx.storage.sql, () => this.state.read()?.sessionId ?? "");
    this.live = new LiveStateTable(ctx.storage.sql, () => this.storedSoFar());
    this.insights = new InsightTable(ctx.storage.sql);
    this.writer = new ChunkWriter(() => this.env, this.state, this.chunks);
    answerPings(ctx);
  }

  /** A viewer's socket (the live route forwards the upgrade): hello first, then every chunk stored from now on. */
  override async fetch(request: Request): Promise<Response> {
    const state = this.live.read();
    const sessionId = request.headers.get(SESSION_HEADER) ?? state?.sessionId ?? "";
    return acceptSocket(this.ctx, request, VIEWER_TAG, { type: "hello", sessionId, lastSeq: state?.lastSeq ?? null });
  }

  /**
   * The upload route's one call per chunk: stores it (chunk-writer.ts), pushes it to the viewers
   * in the order chunks are stored, and schedules the index flush and the directory's news.
   * Says whether anyone watches, so the recorder sends faster.
   */
  storeChunk(chunk: IncomingChunk): Promise<ChunkAnswer> {
    return this.serialize(async () => {
      const { answer, erased } = await this.writer.store(chunk);
      if (erased) await this.forget();
      if (answer.status !== "stored") return answer;
      this.markStored(chunk);
      feedInsights(this.insights, chunk, this.state.read()?.keptFromSeq ?? 0);
      const viewers = this.viewers();
      if (viewers.length) broadcastText(viewers, chunkFrameText(chunk.seq, eventsJsonOf(chunk.stored)));
      // While someone watches the list, each chunk's entry goes at once (the 30 s spacing is lifted).
      if (this.listIsWatched) await this.tellDirectory(Date.now()).catch((err) => log.warn("list update failed", { error: describeError(err) }));
      await this.schedule(this.live.read());
      return { ...answer, watched: this.isWatched(Date.now()) };
    });
  }

  /** What D1 may not have yet (the admin API merges it), or null when this object holds no session. */
  view(): SessionView | null {
    const s = this.state.read();
    return s && viewSession(s, this.chunks);
  }

  /**
   * Where R2 has a kept chunk's blob, or the blob itself while it waits here for its segment;
   * null when this object does not keep `seq`. Reads only: nothing to serialize.
   */
  readChunk(seq: number): KeptBlob | null {
    const s = this.state.read();
    const row = s && seq >= s.keptFromSeq ? this.chunks.row(seq) : undefined;
    if (!row) return null;
    if (row.storageKey !== null) return { location: { storageKey: row.storageKey, blobOffset: row.blobOffset, blobLength: row.blobLength } };
    const blob = this.chunks.blobs([seq]).get(seq);
    return blob ? { blob } : null;
  }

  /** Writes the pending index to D1 now (the end flush, without waiting for the alarm). */
  flushNow(): Promise<void> {
    return this.serialize(async () => {
      if ((await flushIndex(this.env, this.tables(), Date.now(), true)) === "erased") await this.forget();
    });
  }

  /** The directory has a list socket open now: send the news at once, and each chunk's entry from now on. */
  listWatched(): Promise<void> {
    return this.serialize(async () => {
      this.listIsWatched = true;
      const live = this.live.read();
      if (live && live.chunksSeen > live.chunksAnnounced) await this.tellDirectory(Date.now());
      await this.schedule(this.live.read());
    });
  }

  /** D1 write statements this object has sent (the per-chunk budget, issue 10). */
  indexStatements(): number {
    return this.state.read()?.indexStatements ?? 0;
  }

  /** The session was erased: viewers get `erased` and are closed, the directory drops it, and this object keeps nothing. */
  erase(): Promise<void> {
    return this.serialize(() => this.forget());
  }

  /** Writes the index when due, then tells the directory what is due (start, heartbeat or end). */
  override alarm(): Promise<void> {
    return this.serialize(async () => {
      const now = Date.now();
      // The alarm that fired is spent: none is set until schedule() sets the next.
      this.alarmAt = null;
      try {
        const s = this.state.read();
        const flushAt = s && nextFlushAt(s, this.chunks.pending(), this.waitingInsights());
        if (s && flushAt !== null && flushAt <= now && (await flushIndex(this.env, this.tables(), now, isEndFlush(s, now))) === "erased") return this.forget();
        const live = this.live.read();
        const notice = live && nextNotice(live);
        if (notice && notice.at <= now) await this.tellDirectory(now);
      } catch (err) {
        log.warn("session alarm failed", { error: describeError(err) });
        this.retryAt = now + RETRY_AFTER_MS;
      }
      await this.schedule(this.live.read());
    });
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

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private markStored(chunk: IncomingChunk): void {
    // In memory: the writer's state, written with the chunk, lets a new life rebuild it (live-state.ts).
    this.live.keep(afterChunk(this.live.read(), chunk));
  }

  private storedSoFar() {
    const s = this.state.read();
    const newest = this.chunks.all().at(-1);
    if (!s || s.lastChunkAt === null || !newest) return null;
    return { sessionId: s.sessionId, lastSeq: newest.seq, lastChunkAt: s.lastChunkAt };
  }

  private async tellDirectory(now: number): Promise<void> {
    const view = this.view();
    if (view) this.listIsWatched = await announceSession(this.env, this.live, view, now);
  }

  private async forget(): Promise<void> {
    const state = this.live.read();
    const sockets = this.ctx.getWebSockets(VIEWER_TAG);
    broadcast(sockets, { type: "erased" });
    for (const ws of sockets) finishClose(ws, 1000, "session erased");
    if (state?.listed) await liveDirectory(this.env).sessionGone(state.sessionId);
    await this.ctx.storage.deleteAlarm();
    this.alarmAt = null;
    await this.ctx.storage.deleteAll();
    this.live.forget();
    this.state.forget();
    this.chunks.forget();
    this.insights.forget();
    this.writer.forgetKey();
  }

  private async schedule(live: LiveState | null): Promise<void> {
    const s = this.state.read();
    const at = nextAlarmAt(s && nextFlushAt(s, this.chunks.pending(), this.waitingInsights()), live && nextNotice(live), this.retryAt);
    // Read once per object life, then known: every chunk schedules, and most change nothing.
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    const current = this.alarmAt;
    if (at === null) {
      if (current !== null) await this.ctx.storage.deleteAlarm();
      this.alarmAt = null;
      return;
    }
    const now = Date.now();
    // An alarm already due stays as it is (a flush due "now" would move it on every chunk otherwise).
    if (current === at || (current !== null && current <= now && at <= now)) return;
    // So does an earlier one still to come: when it finds nothing due, it sets the next. Moving it
    // on every chunk (the end flush is 60 s after the last chunk) was a storage write per chunk;
    // an early wake-up costs less, and the directory's 30 s heartbeats wake a live session anyway.
    if (current !== null && current > now && current <= at) return;
    await this.ctx.storage.setAlarm(Math.max(at, 1));
    this.alarmAt = Math.max(at, 1);
  }

  private tables() {
    return { state: this.state, chunks: this.chunks, insights: this.insights };
  }

  private waitingInsights() {
    return { decided: this.insights.hasDecided(), oldestClickAt: this.insights.oldestClickAt() };
  }

  private viewers(): WebSocket[] {
    return this.ctx.getWebSockets(VIEWER_TAG).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private isWatched(now: number): boolean {
    return this.viewers().length > 0 || (this.lastViewerLeftAt !== null && now - this.lastViewerLeftAt < WATCHED_GRACE_MS);
  }
}
