import type { ReplayChunk } from "./chunk-stream";
import type { Marker } from "./markers";

/**
 * Gaps between kept chunks: seq numbers that are missing in the middle of the list. Chunks before
 * the first kept one are not a gap (the server keeps only the last N minutes on purpose).
 */
export function findSeqGaps(chunks: ReplayChunk[]): Marker[] {
  const sorted = [...chunks].sort((a, b) => a.seq - b.seq);
  const gaps: Marker[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (next.seq <= prev.seq + 1) continue;
    const first = prev.seq + 1;
    const last = next.seq - 1;
    gaps.push({
      kind: "gap",
      at: prev.endedAt,
      until: Math.max(prev.endedAt, next.startedAt),
      label: first === last ? `Chunk ${first} is missing` : `Chunks ${first}–${last} are missing`,
    });
  }
  return gaps;
}

/** A listed chunk that could not be read, shown like a gap. */
export function failedChunkGap(chunk: ReplayChunk, reason: string): Marker {
  return { kind: "gap", at: chunk.startedAt, until: chunk.endedAt, label: `Chunk ${chunk.seq} could not be loaded (${reason})` };
}
