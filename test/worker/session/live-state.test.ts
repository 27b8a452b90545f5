import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { nextNotice } from "../../../worker/session/directory-notice";
import { afterChunk, type LiveState, LiveStateTable, type StoredChunksSoFar } from "../../../worker/session/live-state";
import { newSessionId } from "../../helpers/worker/events";
import { sessionStub } from "../../helpers/worker/live";

const T = 1_767_225_600_000;

function inObject<R>(work: (sql: SqlStorage) => R): Promise<R> {
  return runInDurableObject(sessionStub(newSessionId()), (_instance, state) => work(state.storage.sql));
}

const chunkSeen = (sessionId: string, seq: number, receivedAt: number, before: LiveState | null) => afterChunk(before, { sessionId, seq, receivedAt });

describe("the live state of a session's object", () => {
  it("keeps a stored chunk in memory only, and a new object life rebuilds it from the writer's state, news and all", async () => {
    await inObject((sql) => {
      let soFar: StoredChunksSoFar | null = null;
      const live = new LiveStateTable(sql, () => soFar);
      live.keep(chunkSeen("s1", 0, T, live.read()));
      expect(sql.exec("SELECT name FROM sqlite_master WHERE name = 'live_state'").toArray()).toEqual([]);

      soFar = { sessionId: "s1", lastSeq: 0, lastChunkAt: T };
      const next = new LiveStateTable(sql, () => soFar).read();
      expect(next).toMatchObject({ sessionId: "s1", lastSeq: 0, lastChunkAt: T, listed: false });
      expect(next && nextNotice(next)).toEqual({ kind: "start", at: T });
    });
  });

  it("after the directory was told, a new life has news only when a chunk came since", async () => {
    await inObject((sql) => {
      let soFar: StoredChunksSoFar | null = { sessionId: "s1", lastSeq: 2, lastChunkAt: T + 10_000 };
      const live = new LiveStateTable(sql, () => soFar);
      const told = { ...chunkSeen("s1", 2, T + 10_000, null), chunksSeen: 3, chunksAnnounced: 3, listed: true, announcedAt: T + 10_000 };
      live.write(told);
      expect(new LiveStateTable(sql, () => soFar).read()).toEqual(told);
      expect(nextNotice(told)).toEqual({ kind: "end", at: T + 10_000 + 60_000 });

      live.keep(chunkSeen("s1", 3, T + 15_000, told));
      soFar = { sessionId: "s1", lastSeq: 3, lastChunkAt: T + 15_000 };
      const next = new LiveStateTable(sql, () => soFar).read();
      expect(next).toMatchObject({ lastSeq: 3, lastChunkAt: T + 15_000, chunksAnnounced: 3, listed: true, announcedAt: T + 10_000 });
      expect(next && nextNotice(next)).toEqual({ kind: "heartbeat", at: T + 40_000 });
    });
  });
});
