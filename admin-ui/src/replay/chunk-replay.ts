import { createEffect, createMemo, createSignal, onCleanup } from "solid-js";
import { ChunkStream, type ReplayChunk } from "./chunk-stream";
import { MarkerBuilder, type Marker } from "./markers";
import { failedChunkGap, findSeqGaps } from "./gaps";
import { createReplayController } from "./replay-controller";
import { createRrwebPlayer } from "./create-player";

/** Where a replay's chunks are listed: the admin session detail, or a share link's answer. */
export interface ChunkSource {
  chunks(): ReplayChunk[];
  /** When the listed signed URLs expire (ms), if known. */
  urlsExpireAt(): number | undefined;
  /** Fetch the list again (fresh signed URLs); it comes back through `chunks()`. */
  refresh(): void;
  /** Markers the server derived (rage and dead clicks), shown beside those found in the events. */
  serverMarkers?(): Marker[];
}

/**
 * A replay fed by a chunk list: the player's controller, the stream that loads the chunks in seq
 * order, and the markers and gaps found on the way. The admin page and the share page both use it.
 */
export function createChunkReplay(source: ChunkSource) {
  const controller = createReplayController(createRrwebPlayer);
  const builder = new MarkerBuilder();
  const [found, setFound] = createSignal<Marker[]>([]);
  const [failed, setFailed] = createSignal<Marker[]>([]);
  const [settled, setSettled] = createSignal<ReadonlySet<number>>(new Set());
  const settle = (seq: number) => setSettled((s) => new Set(s).add(seq));

  const stream = new ChunkStream({
    onChunk(seq, events) {
      controller.addEvents(events);
      const added = builder.add(events);
      if (added.length) setFound((m) => [...m, ...added]);
      settle(seq);
    },
    onChunkFailed(chunk, reason) {
      setFailed((f) => [...f, failedChunkGap(chunk, reason)]);
      settle(chunk.seq);
    },
    // Fresh signed URLs come with a re-fetched list, which flows back in through the effect below.
    requestFreshUrls: () => source.refresh(),
  });
  createEffect(() => stream.update(source.chunks(), source.urlsExpireAt()));
  onCleanup(() => stream.stop());

  // The timeline spans every listed chunk from the start, instead of growing as they load.
  const waiting = createMemo(() => source.chunks().filter((c) => !settled().has(c.seq)).length);
  createEffect(() => controller.expect(Math.max(0, ...source.chunks().map((c) => c.endedAt)), waiting() > 0));

  const markers = createMemo(() => [...found(), ...(source.serverMarkers?.() ?? [])].sort((a, b) => a.at - b.at));
  const gaps = createMemo(() => [...findSeqGaps(source.chunks()), ...failed()]);
  const entries = createMemo(() => [...markers(), ...gaps()].sort((a, b) => a.at - b.at));
  const loadingText = () => {
    const count = source.chunks().length;
    return count === 0 ? "Waiting for the first chunk…" : `Loading chunk ${Math.min(settled().size + 1, count)} of ${count}…`;
  };
  return { controller, stream, markers, gaps, entries, waiting, loadingText };
}

/** What `createChunkReplay` returns. */
export type ChunkReplay = ReturnType<typeof createChunkReplay>;
