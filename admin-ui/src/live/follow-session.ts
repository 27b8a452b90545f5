import { type Accessor, createSignal, onCleanup } from "solid-js";
import { liveSocketUrl } from "../api/live";
import type { LiveConnection } from "./live-socket";
import { followSession } from "./session-feed";
import type { ChunkStream } from "../replay/chunk-stream";
import type { ReplayEvent } from "../replay/events";

/** A session counts as ended after this long without a chunk (contract §5 and §9). */
export const SESSION_ENDS_AFTER_MS = 60_000;

interface Options {
  sessionId: string;
  /** Where the socket's chunks go: it orders them with the signed-URL ones and drops repeats. */
  stream: ChunkStream;
  /** Fetches the session detail again (chunks stored while no socket was open are listed there). */
  refresh(): void;
  onErased(): void;
  /** A chunk the socket pushed (after the stream has it). */
  onChunk?(seq: number, events: ReplayEvent[]): void;
}

/** What the player shows about a followed session. */
export interface SessionFollow {
  /** True while chunks keep coming (reset by each chunk, false a minute after the last). */
  live: Accessor<boolean>;
  connection: Accessor<LiveConnection>;
}

/**
 * Follows a live session for as long as the page is open: its socket's chunks are pushed into the
 * chunk stream (through the same neutralizer as every event), a reopened socket's `hello` names the
 * last chunk stored meanwhile, and `erased` ends it.
 */
export function createSessionFollow(options: Options): SessionFollow {
  const [connection, setConnection] = createSignal<LiveConnection>({ state: "connecting" });
  const [live, setLive] = createSignal(true);
  let endTimer: ReturnType<typeof setTimeout> | undefined;
  const sawChunk = () => {
    setLive(true);
    clearTimeout(endTimer);
    endTimer = setTimeout(() => {
      setLive(false);
      // Ended now for the server too: its detail has the final facts (status, size, every chunk).
      options.refresh();
    }, SESSION_ENDS_AFTER_MS);
  };
  sawChunk();
  const stop = followSession(
    {
      onHello(lastSeq) {
        options.stream.expectStored(lastSeq);
        if (lastSeq !== null && !options.stream.knows(lastSeq)) options.refresh();
      },
      onChunk(seq, events) {
        sawChunk();
        options.stream.push(seq, events);
        options.onChunk?.(seq, events);
      },
      onErased() {
        clearTimeout(endTimer);
        setLive(false);
        options.onErased();
      },
      onConnection: setConnection,
    },
    { connectUrl: () => liveSocketUrl({ kind: "session", sessionId: options.sessionId }) },
  );
  onCleanup(() => {
    clearTimeout(endTimer);
    stop();
  });
  return { live, connection };
}
