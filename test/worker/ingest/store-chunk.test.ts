import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { callWithEnv, expectError } from "../../helpers/worker/http";
import { d1BeforeBatch, d1FailingOn } from "../../helpers/worker/d1";
import { T0, makeEvents } from "../../helpers/worker/events";
import { sessionStub } from "../../helpers/worker/live";
import { flushIndex, withObjectBindings } from "../../helpers/worker/session-object";
import { seedChunk, uploadBody, uploadRequest } from "../../helpers/worker/upload";
import { ERASED, chunkRows, countRows, sessionObjects, storedFor } from "../../helpers/worker/storage";
import { database } from "../../../worker/db/client";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { finishErasures } from "../../../worker/lifecycle/erase";
import { startsWithFullSnapshot } from "../../../worker/ingest/store-chunk";

const outage = () => {
  throw new Error("D1_ERROR: Network connection lost (simulated)");
};

/** Chunk `seq` (no checkout) of an existing session. */
const laterChunk = (sessionId: string, seq: number) => uploadBody({ sessionId, seq, events: makeEvents(3, { start: T0 + seq * 5000, fullSnapshot: false }) });

describe("storeChunk races with an erasure", () => {
  it("a chunk stored while the erasure has shredded D1 but not reached the object yet is never indexed, and the erasure leaves nothing", async () => {
    const { sessionId } = await seedChunk({ userId: "racer-e" });
    const token = await mintToken("racer-e");
    // Erasure step 1 only: keys gone, tombstone, hidden. The object still has the key in memory.
    await shredSessions(database(env.DB), oneSession(sessionId), Date.now());
    expect((await callWithEnv({}, uploadRequest(token, JSON.stringify(laterChunk(sessionId, 1))))).status).toBe(200);
    // Its flush finds the session erased in D1: it writes nothing and the object forgets the session.
    await flushIndex(sessionId);
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(0);
    // Step 2 reaches the object, then deletes every object under the prefix and the rows.
    expect(await finishErasures(env, database(env.DB), 1, [sessionId])).toBe(1);
    expect(await storedFor(sessionId)).toEqual(ERASED);
    await expectError(await callWithEnv({}, uploadRequest(token, JSON.stringify(laterChunk(sessionId, 2)))), 410, "session_erased");
    expect(await sessionObjects(sessionId)).toEqual([]);
  });

  it("a chunk whose object was evicted after the shred is refused with 410 (its key is gone from D1)", async () => {
    const { sessionId } = await seedChunk({ userId: "racer-v" });
    await shredSessions(database(env.DB), oneSession(sessionId), Date.now());
    await evictDurableObject(sessionStub(sessionId));
    const res = await callWithEnv({}, uploadRequest(await mintToken("racer-v"), JSON.stringify(laterChunk(sessionId, 1))));
    await expectError(res, 410, "session_erased");
    // Nothing reached R2: chunk 0 was still buffered in the object, which forgets an erased session.
    expect(await sessionObjects(sessionId)).toEqual([]);
  });
});

describe("storeChunk when D1 fails", () => {
  const cases = [
    { step: "reading a new session", DB: () => d1BeforeBatch(1, outage), existing: false },
    { step: "claiming a new session", DB: () => d1BeforeBatch(2, outage), existing: false },
    { step: "reading an existing session's key after an eviction", DB: () => d1FailingOn(/"session_keys"/), existing: true },
  ];
  for (const { step, DB, existing } of cases) {
    it(`answers 503 storage_unavailable with Retry-After when ${step} fails, indexes nothing, and the retry is stored`, async () => {
      const token = await mintToken("outage-user");
      const sessionId = existing ? (await seedChunk({ userId: "outage-user" })).sessionId : undefined;
      const body = existing && sessionId ? laterChunk(sessionId, 1) : uploadBody({ events: makeEvents(3, { start: T0 + 5000 }) });
      if (existing) await evictDurableObject(sessionStub(body.sessionId));
      const before = { chunks: (await chunkRows(body.sessionId)).length, sessions: await countRows("sessions", "id = ?", body.sessionId) };

      const broken = await withObjectBindings(body.sessionId, { DB: DB() });
      const res = await callWithEnv({}, uploadRequest(token, JSON.stringify(body)));
      await expectError(res, 503, "storage_unavailable");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      await broken.restore();
      expect({ chunks: (await chunkRows(body.sessionId)).length, sessions: await countRows("sessions", "id = ?", body.sessionId) }).toEqual(before);

      const retry = await callWithEnv({}, uploadRequest(token, JSON.stringify(body)));
      expect(retry.status).toBe(200);
      expect(await chunkRows(body.sessionId)).toHaveLength(before.chunks + 1);
    });
  }
});

describe("startsWithFullSnapshot", () => {
  it("is true for FullSnapshot first or Meta then FullSnapshot, false otherwise", () => {
    const ev = (type: number) => ({ type, data: {}, timestamp: T0 }) as never;
    expect(startsWithFullSnapshot([ev(2)])).toBe(true);
    expect(startsWithFullSnapshot([ev(4), ev(2)])).toBe(true);
    expect(startsWithFullSnapshot([ev(4), ev(3)])).toBe(false);
    expect(startsWithFullSnapshot([ev(3), ev(2)])).toBe(false);
  });
});
