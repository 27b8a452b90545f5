import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, callWithEnv, expectError } from "../../helpers/worker/http";
import { d1BeforeBatch } from "../../helpers/worker/d1";
import { T0, makeEvents } from "../../helpers/worker/events";
import { seedChunk, uploadBody } from "../../helpers/worker/upload";
import { countRows, sessionObjects } from "../../helpers/worker/storage";
import { startsWithFullSnapshot } from "../../../worker/ingest/store-chunk";
import { chunkKey } from "../../../worker/storage/keys";

/** Uploads `body` through the app with a D1 that lets `between` happen just before the chunk is indexed. */
async function uploadRacing(userId: string, body: ReturnType<typeof uploadBody>, between: () => Promise<unknown>) {
  const request = new Request(`${BASE}/api/replay/upload`, { method: "POST", headers: { Authorization: `Bearer ${await mintToken(userId)}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  // The session exists already, so there is no claim batch: 1 read state, 2 index.
  return callWithEnv({ DB: d1BeforeBatch(2, between) } as never, request);
}

describe("storeChunk races", () => {
  it("answers 200 (not 'erased') when the window moves past the chunk while it is written, and leaves nothing", async () => {
    const first = await seedChunk({ userId: "racer-w" });
    const body = uploadBody({ sessionId: first.sessionId, seq: 1, events: makeEvents(3, { start: T0 + 5000, fullSnapshot: false }) });
    const res = await uploadRacing("racer-w", body, () => env.DB.prepare("UPDATE sessions SET kept_from_seq = 5 WHERE id = ?").bind(first.sessionId).run());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, sessionId: first.sessionId, seq: 1 });
    expect(await countRows("chunks", "session_id = ? AND seq = 1", first.sessionId)).toBe(0);
    // Only chunk 0's object is left: the one written for seq 1 was deleted again.
    expect((await sessionObjects(first.sessionId)).map((o) => o.key)).toEqual([chunkKey(first.sessionId, 0)]);
  });

  it("answers 410 session_erased when the session is erased while the chunk is written, and leaves nothing", async () => {
    const first = await seedChunk({ userId: "racer-e" });
    const body = uploadBody({ sessionId: first.sessionId, seq: 1, events: makeEvents(3, { start: T0 + 5000, fullSnapshot: false }) });
    const res = await uploadRacing("racer-e", body, () => env.DB.prepare("UPDATE sessions SET erased_at = 1 WHERE id = ?").bind(first.sessionId).run());
    await expectError(res, 410, "session_erased");
    expect(await countRows("chunks", "session_id = ? AND seq = 1", first.sessionId)).toBe(0);
    expect((await sessionObjects(first.sessionId)).map((o) => o.key)).toEqual([chunkKey(first.sessionId, 0)]);
  });

  it("answers 200 when the same chunk was indexed by a concurrent request in between", async () => {
    const first = await seedChunk({ userId: "racer-d" });
    const body = uploadBody({ sessionId: first.sessionId, seq: 1, events: makeEvents(3, { start: T0 + 5000, fullSnapshot: false }) });
    const token = await mintToken("racer-d");
    const res = await uploadRacing("racer-d", body, async () => {
      const other = await callWithEnv({}, new Request(`${BASE}/api/replay/upload`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
      expect(other.status).toBe(200);
    });
    expect(res.status).toBe(200);
    expect(await countRows("chunks", "session_id = ?", first.sessionId)).toBe(2);
    expect(await sessionObjects(first.sessionId)).toHaveLength(2);
  });
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
