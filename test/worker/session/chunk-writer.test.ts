import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { expectError } from "../../helpers/worker/http";
import { makeEvents, T0 } from "../../helpers/worker/events";
import { objectStorage, sessionStub } from "../../helpers/worker/live";
import { chunkRows, sessionObjects, sessionRow } from "../../helpers/worker/storage";
import { seedChunk, uploadChunk } from "../../helpers/worker/upload";
import { flushIndex } from "../../helpers/worker/session-object";

const later = (seq: number) => makeEvents(3, { start: T0 + seq * 5_000, fullSnapshot: false });

/** Seeds chunks 0 and 1 of a new session of `userId`; returns its id. */
async function seedTwo(userId: string): Promise<string> {
  const { sessionId } = await seedChunk({ userId });
  await seedChunk({ userId, sessionId, seq: 1, events: later(1) });
  return sessionId;
}

/** A retry of a stored chunk is still a duplicate, another user is still refused, the session goes on with its totals. */
async function expectSessionGoesOn(userId: string, sessionId: string): Promise<void> {
  expect((await uploadChunk({ userId, sessionId, seq: 1, events: later(1) })).res.status).toBe(200);
  await expectError((await uploadChunk({ userId: "intruder", sessionId, seq: 2, events: later(2) })).res, 403, "not_owner");
  // Chunks 0 and 1 in R2 as one segment (the refused chunk added nothing).
  expect(await sessionObjects(sessionId)).toHaveLength(1);
  expect((await uploadChunk({ userId, sessionId, seq: 2, events: later(2) })).res.status).toBe(200);
  await flushIndex(sessionId);
  const rows = await chunkRows(sessionId);
  expect(rows.map((r) => r.seq)).toEqual([0, 1, 2]);
  expect(await sessionRow(sessionId)).toMatchObject({ user_id: userId, chunk_count: 3, bytes: rows.reduce((n, r) => n + r.bytes, 0) });
  // Chunk 2 went into a segment of its own at the next flush.
  expect(await sessionObjects(sessionId)).toHaveLength(2);
}

describe("a session's object adopts what D1 has", () => {
  it("after losing its storage (or for a session from before it was the writer): owner, stored seqs and totals carry on from D1", async () => {
    const sessionId = await seedTwo("adopted");
    expect(await chunkRows(sessionId)).toHaveLength(2);
    const stub = sessionStub(sessionId);
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAll());
    await evictDurableObject(stub);
    expect((await objectStorage(stub)).tables).toEqual([]);
    await expectSessionGoesOn("adopted", sessionId);
  });
});

describe("a session's object keeps its state in memory between calls", () => {
  it("rebuilds it from its own SQLite after an eviction: stored seqs, owner, pending rows and totals are as before", async () => {
    const sessionId = await seedTwo("evicted");
    const stub = sessionStub(sessionId);
    const before = await stub.view();
    await evictDurableObject(stub);
    expect(await stub.view()).toEqual(before);
    await expectSessionGoesOn("evicted", sessionId);
  });
});
