import { parseMeta, type SessionSummary } from "../db/admin-queries";
import type { IndexRow } from "../db/ingest-queries";
import { sessionFields } from "./index-flush";
import type { KeptChunkTable } from "./kept-chunks";
import type { SessionState } from "./session-state";

/** A kept chunk D1 does not index yet, as the admin detail lists it. */
export type PendingChunk = Pick<IndexRow, "seq" | "startedAt" | "endedAt" | "bytes" | "eventCount" | "hasFullSnapshot">;

/** What a session's object knows that D1 may not yet: the current summary, the window's start and the chunks still to be indexed. */
export interface SessionView {
  /** Insight counts are D1's alone (the object does not derive them). */
  summary: Omit<SessionSummary, "rageClicks" | "deadClicks">;
  keptFromSeq: number;
  pending: PendingChunk[];
}

/** The object's view of its session, computed from its own SQLite (no D1). */
export function viewSession(s: SessionState, chunks: KeptChunkTable): SessionView {
  const fields = sessionFields(s, chunks.totals());
  return {
    summary: { id: s.sessionId, userId: s.userId, ...fields, meta: parseMeta(fields.meta ?? "{}") },
    keptFromSeq: s.keptFromSeq,
    pending: chunks
      .pending()
      .map(({ seq, startedAt, endedAt, bytes, eventCount, hasFullSnapshot }) => ({ seq, startedAt, endedAt, bytes, eventCount, hasFullSnapshot })),
  };
}
