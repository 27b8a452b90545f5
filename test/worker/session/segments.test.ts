import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { adminGet, type SessionDetail } from "../../helpers/worker/admin";
import { call, callWithEnv } from "../../helpers/worker/http";
import { chunkEvents, newSessionId } from "../../helpers/worker/events";
import { upload } from "../../helpers/worker/seed";
import { uploadRequest } from "../../helpers/worker/upload";
import { flushIndex, withObjectBindings } from "../../helpers/worker/session-object";
import { chunkRows, expectObjectsMatchRows } from "../../helpers/worker/storage";
import { sessionStub } from "../../helpers/worker/live";
import { sessionPrefix, chunkKey } from "../../../worker/storage/keys";
import { BUFFER_MAX_BLOB_BYTES, placeBlob } from "../../../worker/session/seal-segments";
import { MINUTE_MS as MINUTE } from "../../helpers/worker/time";

/** Keys under the session's prefix as R2 has them now (no flush first). */
async function r2Keys(sessionId: string): Promise<string[]> {
  return (await env.CHUNKS.list({ prefix: sessionPrefix(sessionId) })).objects.map((o) => o.key);
}

/** Each listed chunk's events as its signed URL serves them, by seq. */
async function servedEvents(sessionId: string): Promise<Map<number, unknown>> {
  const detail = (await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`)).body;
  const served = new Map<number, unknown>();
  for (const c of detail.chunks) {
    const res = await call(c.url);
    expect(res.status, `chunk ${c.seq}`).toBe(200);
    served.set(c.seq, await res.json());
  }
  return served;
}

/** An R2 whose puts fail, as when the bucket is briefly unavailable. */
function bucketFailingPuts(): R2Bucket {
  return new Proxy(env.CHUNKS, {
    get(target, prop) {
      if (prop === "put") return async () => Promise.reject(new Error("R2 unavailable (simulated)"));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("chunks wait in their session's object and go to R2 as segments", () => {
  it("keeps new chunks in the object (served from there), then writes one segment per run from a checkout at the flush", async () => {
    const sessionId = newSessionId();
    const start = Date.now() - 60_000;
    const sent = new Map<number, unknown[]>();
    for (const seq of [0, 1, 2, 3, 4]) {
      const events = chunkEvents(start + seq * 5_000, 4_000, { checkout: seq === 0 || seq === 3, text: `chunk ${seq} text` });
      sent.set(seq, events);
      expect((await upload("seg-user", sessionId, seq, events)).status).toBe(200);
    }
    // Nothing in R2 yet; the signed URLs read each chunk from the object.
    expect(await r2Keys(sessionId)).toEqual([]);
    expect(await servedEvents(sessionId)).toEqual(sent);

    await flushIndex(sessionId);
    const rows = await chunkRows(sessionId);
    const keys = await expectObjectsMatchRows(sessionId);
    expect(keys).toHaveLength(2);
    // Runs {0, 1, 2} and {3, 4}, each chunk's blob right after the one before.
    const byRun = [rows.slice(0, 3), rows.slice(3)];
    for (const run of byRun) {
      expect(new Set(run.map((r) => r.storage_key)).size).toBe(1);
      expect(run[0].storage_key).toMatch(new RegExp(`^sessions/${sessionId}/segments/${String(run[0].seq).padStart(10, "0")}-[0-9a-f]{16}\\.bin$`));
      let offset = 0;
      for (const r of run) {
        expect([r.blob_offset, r.blob_length]).toEqual([offset, r.bytes]);
        offset += r.bytes;
      }
    }
    // Served the same from the segments' byte ranges.
    expect(await servedEvents(sessionId)).toEqual(sent);
  });

  it("takes chunks while R2 is down, and writes them once it is back: nothing is lost", async () => {
    const sessionId = newSessionId();
    const start = Date.now() - 60_000;
    expect((await upload("seg-down", sessionId, 0, chunkEvents(start, 4_000, { checkout: true }))).status).toBe(200);
    const down = await withObjectBindings(sessionId, { CHUNKS: bucketFailingPuts() });
    expect((await upload("seg-down", sessionId, 1, chunkEvents(start + 5_000, 4_000))).status).toBe(200);
    await expect(flushIndex(sessionId)).rejects.toThrow();
    expect(await r2Keys(sessionId)).toEqual([]);
    expect([...(await servedEvents(sessionId)).keys()]).toEqual([0, 1]);
    await down.restore();

    await flushIndex(sessionId);
    expect((await chunkRows(sessionId)).map((r) => r.seq)).toEqual([0, 1]);
    expect(await expectObjectsMatchRows(sessionId)).toHaveLength(1);
    expect([...(await servedEvents(sessionId)).keys()]).toEqual([0, 1]);
  });

  it("a checkout that arrives after the chunks behind it were written: the window's trim keeps the later chunk's bytes and deletes the rest", async () => {
    const sessionId = newSessionId();
    const token = await mintToken("seg-late");
    const start = Date.now() - 10 * MINUTE;
    const events = (seq: number) => chunkEvents(start + seq * MINUTE, MINUTE - 1, { checkout: seq === 0 || seq === 3, text: `minute ${seq}` });
    for (const seq of [0, 1, 2, 4]) expect((await upload("seg-late", sessionId, seq, events(seq))).status).toBe(200);
    await flushIndex(sessionId);
    // One run so far (the checkout of minute 3 has not come): one segment holds 0, 1, 2 and 4.
    const [segment] = await expectObjectsMatchRows(sessionId);
    expect(new Set((await chunkRows(sessionId)).map((r) => r.storage_key))).toEqual(new Set([segment]));

    // With a 1-minute window, the late checkout of minute 3 anchors it: 0-2 go, 4 stays.
    const late = await callWithEnv({ REPLAY_WINDOW_MINUTES: "1" }, uploadRequest(token, JSON.stringify({ sessionId, seq: 3, events: events(3) })));
    expect(late.status).toBe(200);
    expect(await r2Keys(sessionId)).toEqual([]);
    await flushIndex(sessionId);
    const rows = await chunkRows(sessionId);
    expect(rows.map((r) => r.seq)).toEqual([3, 4]);
    const keys = await expectObjectsMatchRows(sessionId);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(segment);
    expect(await servedEvents(sessionId)).toEqual(new Map([3, 4].map((seq) => [seq, events(seq)])));
  });

  it("puts a blob too large to buffer into R2 at once, as an object of its own", async () => {
    const sessionId = newSessionId();
    const small = await placeBlob(env.CHUNKS, sessionId, 0, new Uint8Array(BUFFER_MAX_BLOB_BYTES));
    expect(small).toMatchObject({ storageKey: null });
    const large = await placeBlob(env.CHUNKS, sessionId, 1, new Uint8Array(BUFFER_MAX_BLOB_BYTES + 1).fill(7));
    expect(large).toEqual({ storageKey: chunkKey(sessionId, 1), blob: null });
    const stored = await env.CHUNKS.get(chunkKey(sessionId, 1));
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(new Uint8Array(BUFFER_MAX_BLOB_BYTES + 1).fill(7));
    expect(await r2Keys(sessionId)).toEqual([chunkKey(sessionId, 1)]);
  });
});

describe("an object whose kept chunks predate segments", () => {
  it("adds the location columns and names each old row's own object, so its chunks stay readable", async () => {
    const sessionId = newSessionId();
    const events = chunkEvents(Date.now() - 60_000, 4_000, { checkout: true });
    expect((await upload("seg-old", sessionId, 0, events)).status).toBe(200);
    const stub = sessionStub(sessionId);
    // The table as objects made before segments have it, with chunk 0's row; its blob where those objects put it.
    await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      const [row] = sql
        .exec("SELECT seq, started_at, ended_at, received_at, bytes, raw_bytes, event_count, has_full_snapshot, indexed, blob FROM kept_chunks")
        .toArray();
      sql.exec("DROP TABLE kept_chunks");
      sql.exec(
        "CREATE TABLE kept_chunks (seq INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, raw_bytes INTEGER NOT NULL, event_count INTEGER NOT NULL, has_full_snapshot INTEGER NOT NULL, indexed INTEGER NOT NULL)",
      );
      sql.exec(
        "INSERT INTO kept_chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.seq,
        row.started_at,
        row.ended_at,
        row.received_at,
        row.bytes,
        row.raw_bytes,
        row.event_count,
        row.has_full_snapshot,
        row.indexed,
      );
      return env.CHUNKS.put(chunkKey(sessionId, 0), row.blob as ArrayBuffer);
    });
    await evictDurableObject(stub);
    expect(await stub.readChunk(0)).toEqual({ location: { storageKey: chunkKey(sessionId, 0), blobOffset: null, blobLength: null } });
    expect(await servedEvents(sessionId)).toEqual(new Map([[0, events]]));
    // The flush indexes it where it is; nothing is written again.
    await flushIndex(sessionId);
    expect((await chunkRows(sessionId)).map((r) => [r.storage_key, r.blob_offset])).toEqual([[chunkKey(sessionId, 0), null]]);
    expect(await r2Keys(sessionId)).toEqual([chunkKey(sessionId, 0)]);
  });
});

describe("a full buffer", () => {
  it("is written to R2 before the next chunk is taken; if R2 fails then, that chunk gets 503 and is taken on retry", async () => {
    const sessionId = newSessionId();
    const start = Date.now() - 60_000;
    expect((await upload("seg-full", sessionId, 0, chunkEvents(start, 4_000, { checkout: true }))).status).toBe(200);
    const stub = sessionStub(sessionId);
    // Three 1.5 MB blobs waiting besides chunk 0's (chunks that large only come from pages far heavier than a test's).
    const big = new Uint8Array(1_500_000).fill(9);
    await runInDurableObject(stub, (_instance, state) => {
      for (const seq of [1, 2, 3])
        state.storage.sql.exec(
          "INSERT INTO kept_chunks (seq, started_at, ended_at, received_at, bytes, raw_bytes, event_count, has_full_snapshot, indexed, blob) VALUES (?, ?, ?, ?, ?, ?, 1, 0, 0, ?)",
          seq,
          start + seq * 5_000,
          start + seq * 5_000 + 4_000,
          Date.now(),
          big.byteLength,
          big.byteLength,
          big,
        );
    });
    await evictDurableObject(stub);
    const down = await withObjectBindings(sessionId, { CHUNKS: bucketFailingPuts() });
    const refused = await upload("seg-full", sessionId, 4, chunkEvents(start + 20_000, 4_000));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await stub.readChunk(4)).toBeNull();
    await down.restore();

    expect((await upload("seg-full", sessionId, 4, chunkEvents(start + 20_000, 4_000))).status).toBe(200);
    // Before any flush: the four waiting blobs went into a segment, chunk 4 waits alone.
    const [segment] = await r2Keys(sessionId);
    expect(await r2Keys(sessionId)).toHaveLength(1);
    const object = await env.CHUNKS.get(segment);
    expect((await object?.arrayBuffer())?.byteLength).toBe(3 * big.byteLength + (await chunkRows(sessionId))[0].bytes);
    expect(await stub.readChunk(2)).toEqual({ location: { storageKey: segment, blobOffset: expect.any(Number), blobLength: big.byteLength } });
  });
});
