import { describe, expect, it } from "vitest";
import { findSeqGaps } from "../../../../admin-ui/src/replay/gaps.ts";
import type { ChunkRef } from "../../../../admin-ui/src/api/schemas.ts";

const T = 1_750_000_000_000;

describe("gaps", () => {
  const c = (seq: number): ChunkRef => ({ seq, startedAt: T + seq * 10, endedAt: T + seq * 10 + 5, bytes: 1, url: "u" });
  it("finds missing seqs between kept chunks but not before the first one", () => {
    expect(findSeqGaps([c(3), c(4), c(7), c(9)]).map((g) => [g.label, g.at - T, (g.until ?? 0) - T])).toEqual([
      ["Chunks 5–6 are missing", 45, 70],
      ["Chunk 8 is missing", 75, 90],
    ]);
    expect(findSeqGaps([c(5), c(6)])).toEqual([]);
  });
});
