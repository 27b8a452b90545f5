import { record, setMutationReuse } from "rrweb";
import type { eventWithTime } from "@rrweb/types";
import { META_UA_MAX_CHARS, META_URL_MAX_CHARS, type UploadMeta } from "../protocol/envelope";
import { redactUrl } from "../protocol/redact-url";
import { EventType, IncrementalSource } from "../protocol/rrweb";
import { EventBuffer, EventTooLargeError } from "./buffer/event-buffer";
import { buildBody, type Chunk } from "./buffer/chunk";
import { InputBurst } from "./buffer/input-burst";
import { Outbox } from "./buffer/outbox";
import type { ChunkStore } from "./buffer/persist";
import { deferStart, whenIdle, type DeferredStart } from "./capture/deferred-start";
import { MutationBatcher, RELEASE_TAG } from "./capture/mutation-batch";
import { observeNavigation } from "./capture/navigation";
import { observePageLifecycle } from "./capture/page-lifecycle";
import { SESSION_TOUCH_EVERY_MS } from "./constants";
import { ErrorCounter } from "./errors";
import type { RecorderStatus, ResolvedOptions } from "./options";
import { buildRrwebOptions, type PrivacySelectors } from "./privacy/rrweb-options";
import { createPrivateLookup } from "./privacy/private-scope";
import { createReuseHook, hasReusedAdds, positionFree } from "./capture/reuse-removed";
import { scrubEvent, scrubFullSnapshotLater, type RecordedEvent, type ScrubContext } from "./privacy/scrub-event";
import { createSession, isSessionExpired, saveSession, type SessionState } from "./session/session";
import { claimSession } from "./session/tab-claim";
import type { Compressor } from "./transport/compressor";
import { FlushTimer } from "./transport/flush-timer";
import { sendWithKeepalive } from "./transport/keepalive";
import { Sender } from "./transport/sender";
import type { TokenSource } from "./transport/token";

/** Recovery of persisted chunks waits at most this long for an idle moment. */
const RECOVER_IDLE_TIMEOUT_MS = 2_000;
/** A full snapshot's last scrub step and serialization wait at most this long for an idle moment (ms). */
const SNAPSHOT_FINISH_IDLE_TIMEOUT_MS = 500;

/** Incremental sources that mean a person is there (they keep the session alive). */
const INTERACTION_SOURCES: ReadonlySet<unknown> = new Set([
  IncrementalSource.MouseMove,
  IncrementalSource.MouseInteraction,
  IncrementalSource.Scroll,
  IncrementalSource.Input,
  IncrementalSource.TouchMove,
  IncrementalSource.Drag,
]);

/** Discrete interactions: the page's answer to them is not batched (capture/mutation-batch). */
const DISCRETE_SOURCES: ReadonlySet<unknown> = new Set([IncrementalSource.MouseInteraction, IncrementalSource.Input]);

type StopReason = Extract<RecorderStatus, { state: "stopped" }>["reason"];

/** Everything a recording needs, made by startRecording. */
export interface RecorderDeps {
  options: ResolvedOptions;
  selectors: PrivacySelectors;
  allowedParams: ReadonlySet<string>;
  session: SessionState;
  sessionStorage: Storage | null;
  store: ChunkStore;
  compressor: Compressor;
  tokens: TokenSource;
  /** Reads chunks left by earlier page loads (from localStorage: its first read is slow, so it runs once the page is idle). */
  recover: () => Chunk[];
}

/** One running recording: rrweb → scrub → buffer → numbered chunks → outbox → sender. */
export class Recorder {
  private readonly buffer = new EventBuffer();
  private readonly outbox: Outbox;
  private readonly sender: Sender;
  private readonly errors = new ErrorCounter(() => this.stop("too_many_errors"));
  private readonly scrub: ScrubContext;
  private readonly flushTimer: FlushTimer;
  private readonly burst: InputBurst<RecordedEvent>;
  private readonly batcher: MutationBatcher;
  private session: SessionState;
  private cleanups: Array<() => void> = [];
  /** rrweb's start, until it has run (see capture/deferred-start). */
  private pendingStart: DeferredStart | null = null;
  /** Cancels the idle moment that finishes a buffered full snapshot (see addLater). */
  private cancelFinish: (() => void) | null = null;
  private lastTouchSaved = 0;
  private stopped = false;
  /** Set while stop() releases what rrweb holds (a stop from inside that must not run twice). */
  private stopping = false;

  constructor(private readonly deps: RecorderDeps) {
    this.session = deps.session;
    this.outbox = new Outbox(deps.store);
    this.sender = new Sender(
      deps.options.endpoint,
      this.outbox,
      {
        getToken: (refresh) => deps.tokens.get(refresh),
        onDisabled: () => this.stop("disabled"),
        onSessionGone: (id) => this.errors.guard(() => this.onSessionGone(id))(),
        onRejected: () => this.errors.record(),
        onWatched: (watched) => this.flushTimer.setWatched(watched),
      },
      (request) => deps.compressor.send(request),
    );
    this.flushTimer = new FlushTimer(
      deps.options.flushIntervalMs,
      this.errors.guard(() => this.cut()),
    );
    this.scrub = {
      maskSelector: deps.selectors.mask,
      maskAllInputs: deps.options.maskAllInputs,
      maskAllText: deps.options.maskAllText,
      allowedParams: deps.allowedParams,
      getNode: (id) => record.mirror.getNode(id),
      getId: (node) => record.mirror.getId(node),
    };
    this.burst = new InputBurst(deps.options.sampling.input === "last");
    this.batcher = new MutationBatcher({
      freeze: this.errors.guard(() => record.freezePage()),
      release: this.errors.guard(() => record.addCustomEvent(RELEASE_TAG, null)),
      now: () => Date.now(),
    });
  }

  get sessionId(): string {
    return this.session.id;
  }

  /**
   * Starts the timers and listeners now and rrweb (its first full snapshot) at an idle moment after
   * load, or at once when the person acts first (capture/deferred-start). "recording" is reported
   * when rrweb runs.
   */
  start(): void {
    saveSession(this.deps.sessionStorage, this.session);
    const guard = <A extends unknown[]>(fn: (...a: A) => void) => this.errors.guard(fn);
    this.flushTimer.start();
    this.cleanups.push(() => this.flushTimer.stop());
    this.cleanups.push(
      observeNavigation(
        guard((href: string, kind: string) => {
          // Before rrweb starts there is nothing to add it to: its first snapshot says where the page is.
          if (!this.pendingStart) record.addCustomEvent("navigation", { href: redactUrl(href, this.deps.allowedParams), kind });
        }),
      ),
    );
    this.cleanups.push(
      observePageLifecycle({
        onHidden: guard(() => this.cut(true)),
        onPageHide: guard(() => this.onPageHide()),
        onPageShow: guard(() => this.sender.kick(true)),
      }),
    );
    // A duplicated tab starts out with this tab's session; the copy moves to a session of its own.
    this.cleanups.push(
      claimSession(
        () => this.session.id,
        guard(() => this.stopped || this.rotateSession(false)),
      ),
    );
    this.sender.kick();
    const cancelRecovery = whenIdle(
      guard(() => {
        this.outbox.addRecovered(this.deps.recover());
        this.sender.kick();
      }),
      RECOVER_IDLE_TIMEOUT_MS,
    );
    this.cleanups.push(cancelRecovery);
    const pending = deferStart(guard(() => this.startRrweb()));
    this.pendingStart = pending;
    this.cleanups.push(() => pending.cancel());
    this.cleanups.push(() => this.cancelFinish?.());
  }

  /** Starts rrweb now if it has not started (its full snapshot belongs in what is sent next). */
  private startNow(): void {
    this.pendingStart?.now();
  }

  /** Starts rrweb; if it cannot start, recording stops (nothing was recorded). */
  private startRrweb(): void {
    this.pendingStart = null;
    if (this.stopped) return;
    let stopRrweb: (() => void) | undefined;
    this.keepRemovedSubtrees();
    try {
      stopRrweb = record<eventWithTime>({
        ...buildRrwebOptions(this.deps.options, this.deps.selectors),
        emit: this.errors.guard((event: eventWithTime, isCheckout?: boolean) => this.onEvent(event as unknown as RecordedEvent, isCheckout === true)),
        // rrweb catches errors in its own observers and asks us; true = handled (counted, not rethrown into the page).
        errorHandler: () => {
          this.errors.record();
          return true;
        },
      });
    } catch {
      stopRrweb = undefined;
    }
    if (!stopRrweb) return this.abandon();
    this.cleanups.push(stopRrweb);
    this.deps.options.onStatus?.({ state: "recording", sessionId: this.session.id });
  }

  /**
   * Lets rrweb keep removed subtrees that a batch adds again unchanged (capture/reuse-removed), when
   * the privacy selectors cannot match differently at another place in a list.
   */
  private keepRemovedSubtrees(): void {
    const { mask, block, ignore } = this.deps.selectors;
    const unsafe = [mask, block, ignore].filter(Boolean).join(",");
    if (!setMutationReuse || !unsafe || !positionFree([unsafe])) return;
    setMutationReuse(
      createReuseHook(
        unsafe,
        () => createPrivateLookup(mask),
        () => this.errors.record(),
      ),
    );
    this.cleanups.push(() => setMutationReuse?.(null));
  }

  /** rrweb could not start: nothing was recorded, so the recorder goes quiet as if it never had (status idle, "unsupported"). */
  private abandon(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.sender.stop();
    this.deps.compressor.close();
    this.deps.options.onStatus?.({ state: "idle", reason: "unsupported" });
  }

  /** Sends everything buffered and resolves when the server has it (or after maxWaitMs). */
  flush(maxWaitMs: number): Promise<void> {
    this.startNow();
    this.cut(true);
    return this.sender.whenSent(maxWaitMs);
  }

  /** Stops recording (once): rrweb and listeners off, a last chunk that says why, the rest still sent, the compression worker freed. */
  stop(reason: StopReason): void {
    if (this.stopped || this.stopping) return;
    this.stopping = true;
    // What rrweb holds back is still recorded (while rrweb runs and events are still taken).
    this.batcher.release();
    this.batcher.stop();
    this.stopped = true;
    try {
      const said: RecordedEvent = { type: EventType.Custom, timestamp: Date.now(), data: { tag: "replay.stopped", payload: { reason } } };
      if (reason !== "stopped" && reason !== "disabled") this.buffer.add(said);
    } catch {
      // Nothing more to say.
    }
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        this.errors.record();
      }
    }
    if (reason === "disabled") {
      this.buffer.clear();
      for (const c of this.outbox.list()) this.outbox.remove(c);
      this.sender.stop();
    } else {
      this.cut(true);
    }
    // After the last cut: the worker finishes that chunk, then it and its Blob URL are freed.
    this.deps.compressor.close();
    if (reason !== "stopped") console.warn(`[edge-replay] recording stopped: ${reason}`);
    this.deps.options.onStatus?.({ state: "stopped", reason });
  }

  private onEvent(event: RecordedEvent, isCheckout: boolean): void {
    if (this.stopped) return;
    if (event.type === EventType.Custom && event.data.tag === RELEASE_TAG) return;
    const now = event.timestamp;
    if (event.type === EventType.IncrementalSnapshot && INTERACTION_SOURCES.has(event.data.source)) {
      if (isSessionExpired(this.session, now)) return this.rotateSession(true);
      this.session.lastActivity = now;
      if (now - this.lastTouchSaved > SESSION_TOUCH_EVERY_MS) {
        this.lastTouchSaved = now;
        saveSession(this.deps.sessionStorage, this.session);
      }
    }
    // A checkout starts a new chunk, so that every chunk the server may keep first begins with a full snapshot.
    if (isCheckout && event.type === EventType.Meta) this.cut();
    // A kept subtree's add shares its attributes with the node first recorded, maybe in a full
    // snapshot whose scrub has not run yet: it runs first (this is rare: a list rendered again just after a snapshot).
    if (
      event.type === EventType.IncrementalSnapshot &&
      event.data.source === IncrementalSource.Mutation &&
      this.buffer.hasPending() &&
      hasReusedAdds(event.data)
    ) {
      if (this.finishPending()) this.cut();
    }
    // A full snapshot is the page's whole DOM: only its privacy is decided in rrweb's task (the
    // DOM must be the one serialized); rewriting and serializing it wait for an idle moment, or the
    // next cut, whichever comes first (the first snapshot's task was the recorder's longest).
    const finish = event.type === EventType.FullSnapshot ? scrubFullSnapshotLater(event, this.scrub) : null;
    if (!finish) scrubEvent(event, this.scrub);
    for (const e of this.burst.pass(event)) {
      if (e === event && finish) this.addLater(e, finish);
      else this.addToBuffer(e);
    }
    if (event.type === EventType.IncrementalSnapshot) {
      if (event.data.source === IncrementalSource.Mutation) this.batcher.onMutation();
      else if (DISCRETE_SOURCES.has(event.data.source)) this.batcher.onInteraction();
    }
  }

  /** Buffers one scrubbed event, cutting a chunk when the buffer says so. */
  private addToBuffer(event: RecordedEvent): void {
    try {
      if (this.buffer.add(event)) this.cut();
    } catch (err) {
      if (err instanceof EventTooLargeError) return this.stop("event_too_large");
      throw err;
    }
  }

  /** Buffers a full snapshot whose scrub `finish` completes, and has it finished at the next idle moment. */
  private addLater(event: RecordedEvent, finish: () => void): void {
    if (this.buffer.addLater(event, finish)) return this.cut();
    this.cancelFinish?.();
    this.cancelFinish = whenIdle(
      this.errors.guard(() => {
        this.cancelFinish = null;
        if (this.finishPending()) this.cut();
      }),
      SNAPSHOT_FINISH_IDLE_TIMEOUT_MS,
    );
  }

  /** Finishes what addLater buffered; true when the buffer asks for a cut. A snapshot too large to store stops the recording. */
  private finishPending(): boolean {
    try {
      return this.buffer.finishPending();
    } catch (err) {
      if (err instanceof EventTooLargeError) {
        this.stop("event_too_large");
        return false;
      }
      throw err;
    }
  }

  /** Cuts the buffer into the session's next chunk and queues it; `now` skips a pending backoff. */
  private cut(now = false): void {
    // Mutations rrweb holds back belong before the cut too (they arrive through onEvent).
    this.batcher.release();
    // A held burst of typing belongs before the cut.
    const held = this.burst.take();
    if (held) this.addToBuffer(held);
    // A full snapshot still to be finished belongs to this cut (a page hiding takes it at once).
    this.finishPending();
    const batch = this.buffer.take();
    if (batch) {
      const seq = this.session.nextSeq++;
      saveSession(this.deps.sessionStorage, this.session);
      const meta: UploadMeta = {
        ua: navigator.userAgent.slice(0, META_UA_MAX_CHARS),
        viewport: { width: Math.round(window.innerWidth), height: Math.round(window.innerHeight) },
        url: redactUrl(location.href, this.deps.allowedParams).slice(0, META_URL_MAX_CHARS),
        captureErrors: this.errors.takeSinceLastChunk(),
        touch: navigator.maxTouchPoints > 0,
      };
      const chunk: Chunk = {
        sessionId: this.session.id,
        seq,
        body: buildBody(this.session.id, seq, batch.json, meta),
        gzip: false,
        createdAt: Date.now(),
        ready: Promise.resolve(),
        persisted: false,
      };
      if (!this.outbox.add(chunk)) {
        this.deps.store.save(chunk);
        return this.stop("buffer_full");
      }
      chunk.ready = this.deps.compressor
        .compress(chunk.body as string)
        .then((compressed) => {
          if (compressed) this.outbox.setBody(chunk, compressed.bytes, compressed.base64);
          else if (!chunk.persisted) chunk.persisted = this.deps.store.save(chunk);
        })
        .catch(() => this.errors.record());
    }
    this.sender.kick(now);
  }

  private onPageHide(): void {
    this.cut();
    this.outbox.persistAll();
    sendWithKeepalive(this.deps.options.endpoint, this.deps.tokens.peek(), this.outbox.list(), (c) => this.outbox.remove(c));
  }

  /** After 30 min idle, when the server erased the session, or in a duplicated tab: a new session id, seq 0, a fresh full snapshot. */
  private rotateSession(keepBuffered: boolean): void {
    // Held mutations belong to the old session (else they would open the new one, before its snapshot).
    this.batcher.release();
    // An idle session keeps what it buffered; an erased one takes nothing more.
    if (keepBuffered) this.cut();
    this.session = createSession(Date.now());
    saveSession(this.deps.sessionStorage, this.session);
    this.buffer.clear();
    this.burst.take();
    // Before rrweb has started, its start takes the new session's first snapshot.
    if (!this.pendingStart) record.takeFullSnapshot(true);
    this.deps.options.onStatus?.({ state: "recording", sessionId: this.session.id });
  }

  private onSessionGone(sessionId: string): void {
    if (sessionId === this.session.id && !this.stopped) this.rotateSession(false);
  }
}
