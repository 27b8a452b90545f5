import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { expectError } from "../../helpers/worker/http";
import { makeEvents, T0 } from "../../helpers/worker/events";
import { objectStorage, sessionStub } from "../../helpers/worker/live";
import { chunkRows, sessionObjects, sessionRow } from "../../helpers/worker/storage";
import { seedChunk, uploadChunk } from "../../helpers/worker/upload";
import { flushIndex } from "../../helpers/worker/session-object";

const later = (seq: number) => makeEvents(3, { start: T0 + seq * 5_000, fullSnapshot: false });

describe("a session's object adopts what D1 has", () => {
  it("after losing its storage (or for a session from before it was the writer): owner, stored seqs and totals carry on from D1", async () => {
    const first = await seedChunk({ userId: "adopted" });
    await seedChunk({ userId: "adopted", sessionId: first.sessionId, seq: 1, events: later(1) });
    expect(await chunkRows(first.sessionId)).toHaveLength(2);
    const stub = sessionStub(first.sessionId);
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAll());
    await evictDurableObject(stub);
    expect((await objectStorage(stub)).tables).toEqual([]);

    // A retry of a stored chunk is still a duplicate, another user is still refused, the session goes on.
    const retry = await uploadChunk({ userId: "adopted", sessionId: first.sessionId, seq: 1, events: later(1) });
    expect(retry.res.status).toBe(200);
    await expectError((await uploadChunk({ userId: "intruder", sessionId: first.sessionId, seq: 2, events: later(2) })).res, 403, "not_owner");
    expect((await uploadChunk({ userId: "adopted", sessionId: first.sessionId, seq: 2, events: later(2) })).res.status).toBe(200);

    const rows = await chunkRows(first.sessionId);
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(await sessionRow(first.sessionId)).toMatchObject({ user_id: "adopted", chunk_count: 3, bytes: rows.reduce((n, r) => n + r.bytes, 0) });
    expect(await sessionObjects(first.sessionId)).toHaveLength(3);
  });
});

describe("a session's object keeps its state in memory between calls", () => {
  it("rebuilds it from its own SQLite after an eviction: stored seqs, owner, pending rows and totals are as before", async () => {
    const first = await seedChunk({ userId: "evicted" });
    await seedChunk({ userId: "evicted", sessionId: first.sessionId, seq: 1, events: later(1) });
    const stub = sessionStub(first.sessionId);
    const before = await stub.view();
    await evictDurableObject(stub);

    expect(await stub.view()).toEqual(before);
    expect((await uploadChunk({ userId: "evicted", sessionId: first.sessionId, seq: 1, events: later(1) })).res.status).toBe(200);
    await expectError((await uploadChunk({ userId: "intruder", sessionId: first.sessionId, seq: 2, events: later(2) })).res, 403, "not_owner");
    expect(await sessionObjects(first.sessionId)).toHaveLength(2);
    expect((await uploadChunk({ userId: "evicted", sessionId: first.sessionId, seq: 2, events: later(2) })).res.status).toBe(200);
    await flushIndex(first.sessionId);
    const rows = await chunkRows(first.sessionId);
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(await sessionRow(first.sessionId)).toMatchObject({ user_id: "evicted", chunk_count: 3, bytes: rows.reduce((n, r) => n + r.bytes, 0) });
  });
});
