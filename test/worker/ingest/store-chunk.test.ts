import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { callWithEnv, expectError } from "../../helpers/worker/http";
import { d1BeforeBatch } from "../../helpers/worker/d1";
import { T0, makeEvents } from "../../helpers/worker/events";
import { seedChunk, uploadBody, uploadRequest, type UploadBody } from "../../helpers/worker/upload";
import { countRows, sessionObjects } from "../../helpers/worker/storage";
import { startsWithFullSnapshot } from "../../../worker/ingest/store-chunk";
import { chunkKey } from "../../../worker/storage/keys";

/**
 * Stores chunk 0 of a session for `userId`, then uploads its chunk 1 through the app with a D1 that
 * lets `between(sessionId, body)` happen just before the chunk is indexed.
 */
async function raceChunkOne(userId: string, between: (sessionId: string, body: UploadBody) => Promise<unknown>) {
  const { sessionId } = await seedChunk({ userId });
  const body = uploadBody({ sessionId, seq: 1, events: makeEvents(3, { start: T0 + 5000, fullSnapshot: false }) });
  // The session exists already, so there is no claim batch: 1 read state, 2 index.
  const res = await callWithEnv(
    { DB: d1BeforeBatch(2, () => between(sessionId, body)) } as never,
    uploadRequest(await mintToken(userId), JSON.stringify(body)),
  );
  return { sessionId, res };
}

/** Asserts chunk 1 left nothing: no row, and chunk 0's object is the session's only one. */
async function expectOnlyChunkZero(sessionId: string) {
  expect(await countRows("chunks", "session_id = ? AND seq = 1", sessionId)).toBe(0);
  expect((await sessionObjects(sessionId)).map((o) => o.key)).toEqual([chunkKey(sessionId, 0)]);
}

describe("storeChunk races", () => {
  it("answers 200 (not 'erased') when the window moves past the chunk while it is written, and leaves nothing", async () => {
    const { sessionId, res } = await raceChunkOne("racer-w", (id) => env.DB.prepare("UPDATE sessions SET kept_from_seq = 5 WHERE id = ?").bind(id).run());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, sessionId, seq: 1 });
    await expectOnlyChunkZero(sessionId);
  });

  it("answers 410 session_erased when the session is erased while the chunk is written, and leaves nothing", async () => {
    const { sessionId, res } = await raceChunkOne("racer-e", (id) => env.DB.prepare("UPDATE sessions SET erased_at = 1 WHERE id = ?").bind(id).run());
    await expectError(res, 410, "session_erased");
    await expectOnlyChunkZero(sessionId);
  });

  it("answers 200 when the same chunk was indexed by a concurrent request in between", async () => {
    const token = await mintToken("racer-d");
    const { sessionId, res } = await raceChunkOne("racer-d", async (_id, body) => {
      const other = await callWithEnv({}, uploadRequest(token, JSON.stringify(body)));
      expect(other.status).toBe(200);
    });
    expect(res.status).toBe(200);
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(2);
    expect(await sessionObjects(sessionId)).toHaveLength(2);
  });
});

describe("storeChunk when D1 fails early", () => {
  const outage = () => {
    throw new Error("D1_ERROR: Network connection lost (simulated)");
  };
  const cases = [
    { step: "reading the session", batch: 1, existing: false },
    { step: "claiming a new session", batch: 2, existing: false },
    { step: "reading an existing session", batch: 1, existing: true },
  ];
  for (const { step, batch, existing } of cases) {
    it(`answers 503 storage_unavailable with Retry-After when ${step} fails, stores nothing, and the retry is stored`, async () => {
      const token = await mintToken("outage-user");
      const sessionId = existing ? (await seedChunk({ userId: "outage-user" })).sessionId : undefined;
      const body = uploadBody({ sessionId, seq: existing ? 1 : 0, events: makeEvents(3, { start: T0 + 5000, fullSnapshot: !existing }) });
      const before = { chunks: await countRows("chunks", "session_id = ?", body.sessionId), objects: (await sessionObjects(body.sessionId)).length };

      const res = await callWithEnv({ DB: d1BeforeBatch(batch, outage) } as never, uploadRequest(token, JSON.stringify(body)));
      await expectError(res, 503, "storage_unavailable");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect({ chunks: await countRows("chunks", "session_id = ?", body.sessionId), objects: (await sessionObjects(body.sessionId)).length }).toEqual(before);

      const retry = await callWithEnv({}, uploadRequest(token, JSON.stringify(body)));
      expect(retry.status).toBe(200);
      expect(await countRows("chunks", "session_id = ?", body.sessionId)).toBe(before.chunks + 1);
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
