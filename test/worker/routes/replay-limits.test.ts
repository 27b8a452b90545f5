import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { callWithEnv, expectError } from "../../helpers/worker/http";
import { gzipBytes, gzipZeros } from "../../helpers/worker/gzip";
import { makeEvents } from "../../helpers/worker/events";
import { postUpload, seedChunk, uploadBody, uploadChunk, uploadRequest } from "../../helpers/worker/upload";
import { chunkRows, countRows, sessionObjects } from "../../helpers/worker/storage";
import { median } from "../../helpers/worker/time";
import { UPLOAD_MAX_DECODED_BYTES, UPLOAD_MAX_WIRE_BYTES } from "../../../worker/ingest/read-body";

const MIB = 1 << 20;
/** Valid uploads sent alongside each bomb, and rounds of them: enough for a stable median. */
const UPLOADS_PER_ROUND = 4;
const ROUNDS = 3;
// Compressing a 1 GiB bomb takes seconds on a busy machine, before anything is timed.
const BOMB_TIMEOUT_MS = 180_000;

/** Sends a request through the worker's fetch entry; returns its answer and how long it took. */
async function timed(request: Request): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const res = await SELF.fetch(request);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - start };
}

/** A valid chunk of a new session, as the recorder sends it (gzip). */
async function validUpload(userId: string): Promise<Request> {
  return uploadRequest(await mintToken(userId), await gzipBytes(JSON.stringify(uploadBody({ events: makeEvents(50) }))), { "Content-Encoding": "gzip" });
}

async function snapshot() {
  return { sessions: await countRows("sessions"), chunks: await countRows("chunks"), objects: (await env.CHUNKS.list({ prefix: "sessions/" })).objects.length };
}

describe("size limits (413), nothing stored", () => {
  it("refuses a gzip bomb (50 MB of zeros) and keeps serving", async () => {
    const bomb = await gzipZeros(50_000_000);
    expect(bomb.byteLength).toBeLessThan(UPLOAD_MAX_WIRE_BYTES);
    const before = await snapshot();
    const res = await postUpload(await mintToken("bomber"), bomb, { "Content-Encoding": "gzip" });
    await expectError(res, 413, "payload_too_large");
    expect(await snapshot()).toEqual(before);
    // The next request is served normally.
    const { res: next } = await uploadChunk({ userId: "bomber" });
    expect(next.status).toBe(200);
  });

  for (const size of [1024 * MIB, 200 * MIB]) {
    it(
      `refuses a ${size / MIB} MiB gzip bomb quickly while valid uploads sent at the same moment keep their normal latency`,
      async () => {
        const bomb = await gzipZeros(size);
        const bomber = await mintToken("bomber");
        const before = await snapshot();
        await timed(await validUpload("warm-up"));
        const quiet: number[] = [];
        const loud: number[] = [];
        const bombs: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const calm = await Promise.all(Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => validUpload(`calm-${round}-${i}`)));
          for (const r of await Promise.all(calm.map(timed))) {
            expect(r.status).toBe(200);
            quiet.push(r.ms);
          }
          const alongside = await Promise.all(Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => validUpload(`beside-${round}-${i}`)));
          const [hit, ...others] = await Promise.all([timed(uploadRequest(bomber, bomb, { "Content-Encoding": "gzip" })), ...alongside.map(timed)]);
          expect(hit.status).toBe(413);
          bombs.push(hit.ms);
          for (const r of others) {
            expect(r.status).toBe(200);
            loud.push(r.ms);
          }
        }
        // Relative bounds, generous for a shared 2-core machine (measured 1 to 3 times the quiet median
        // with the bounded inflater; expanding the whole 1 GiB bomb made it 13 times).
        expect(median(loud)).toBeLessThan(5 * median(quiet));
        expect(median(bombs)).toBeLessThan(5 * median(quiet));
        const after = await snapshot();
        expect(after.sessions - before.sessions).toBe(1 + 2 * ROUNDS * UPLOADS_PER_ROUND);
      },
      BOMB_TIMEOUT_MS,
    );
  }

  it("refuses a gzip bomb hidden in valid JSON (a huge string payload)", async () => {
    const json = JSON.stringify({
      ...uploadBody(),
      events: [...makeEvents(2), { type: 5, data: { tag: "x", payload: "a".repeat(UPLOAD_MAX_DECODED_BYTES) }, timestamp: 1_767_225_600_500 }],
    });
    const body = await gzipBytes(json);
    const before = await snapshot();
    await expectError(await postUpload(await mintToken("bomber"), body, { "Content-Encoding": "gzip" }), 413, "payload_too_large");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a plain body over the wire limit", async () => {
    const before = await snapshot();
    const json = JSON.stringify({ ...uploadBody(), junk: "x".repeat(UPLOAD_MAX_WIRE_BYTES) });
    await expectError(await postUpload(await mintToken("big"), json), 413, "payload_too_large");
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a plain body just under the wire limit", async () => {
    const body = uploadBody();
    const pad = UPLOAD_MAX_WIRE_BYTES - JSON.stringify({ ...body, meta: { ...body.meta, pad: "" } }).length - 10;
    const res = await postUpload(await mintToken("big"), JSON.stringify({ ...body, meta: { ...body.meta, pad: "x".repeat(pad) } }));
    expect(res.status).toBe(200);
  });

  it("does not trust a small Content-Length on an oversized body (through the runtime)", async () => {
    const before = await snapshot();
    const big = new TextEncoder().encode(JSON.stringify({ ...uploadBody(), junk: "x".repeat(3 * UPLOAD_MAX_WIRE_BYTES) }));
    const res = await postUpload(await mintToken("liar"), new Blob([big]).stream(), { "Content-Length": "100" });
    await expectError(res, 413, "payload_too_large");
    expect(await snapshot()).toEqual(before);
  });

  it("does not trust a small Content-Length on an oversized body (request handed to the app as is)", async () => {
    const before = await snapshot();
    const big = new TextEncoder().encode(JSON.stringify({ ...uploadBody(), junk: "x".repeat(3 * UPLOAD_MAX_WIRE_BYTES) }));
    const request = uploadRequest(await mintToken("liar"), new Blob([big]).stream(), { "Content-Length": "100" });
    expect(request.headers.get("Content-Length")).toBe("100");
    await expectError(await callWithEnv({}, request), 413, "payload_too_large");
    expect(await snapshot()).toEqual(before);
  });

  it("does not trust a large Content-Length either: a small honest body is fine", async () => {
    const body = uploadBody();
    const request = uploadRequest(await mintToken("liar"), new Blob([JSON.stringify(body)]).stream(), { "Content-Length": String(50 * UPLOAD_MAX_WIRE_BYTES) });
    expect((await callWithEnv({}, request)).status).toBe(200);
  });
});

describe("idempotency and ownership", () => {
  it("stores the same chunk sent five times concurrently once: one object, one row, bytes counted once", async () => {
    const token = await mintToken("racer");
    const body = uploadBody({ events: makeEvents(30) });
    const json = JSON.stringify(body);
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        i % 2 ? postUpload(token, json) : gzipBytes(json).then((gz) => postUpload(token, gz, { "Content-Encoding": "gzip" })),
      ),
    );
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, sessionId: body.sessionId, seq: 0 });
    }
    const objects = await sessionObjects(body.sessionId);
    expect(objects).toHaveLength(1);
    expect(await chunkRows(body.sessionId)).toHaveLength(1);
    expect(await countRows("session_keys", "session_id = ?", body.sessionId)).toBe(1);
    const session = await env.DB.prepare("SELECT bytes, chunk_count, event_count FROM sessions WHERE id = ?").bind(body.sessionId).first();
    expect(session).toEqual({ bytes: objects[0].size, chunk_count: 1, event_count: 30 });
  });

  it("answers a later retry with success and changes nothing", async () => {
    const body = await seedChunk({ userId: "retrier" });
    const before = await env.DB.prepare("SELECT bytes, chunk_count, event_count, started_at, ended_at FROM sessions WHERE id = ?").bind(body.sessionId).first();
    const objectBefore = await env.CHUNKS.head((await sessionObjects(body.sessionId))[0].key);
    // The retry even carries different events: the stored chunk stays as it was.
    const { res } = await uploadChunk({ userId: "retrier", sessionId: body.sessionId, seq: 0, events: makeEvents(50) });
    expect(res.status).toBe(200);
    expect(
      await env.DB.prepare("SELECT bytes, chunk_count, event_count, started_at, ended_at FROM sessions WHERE id = ?").bind(body.sessionId).first(),
    ).toEqual(before);
    const objectAfter = await env.CHUNKS.head(objectBefore!.key);
    expect(objectAfter!.etag).toBe(objectBefore!.etag);
  });

  it("refuses another user's chunk for a session with 403, stores nothing, leaves the original intact", async () => {
    const body = await seedChunk({ userId: "owner" });
    const before = {
      row: await env.DB.prepare("SELECT * FROM sessions WHERE id = ?").bind(body.sessionId).first(),
      objects: await sessionObjects(body.sessionId),
    };
    const etag = (await env.CHUNKS.head(before.objects[0].key))!.etag;
    for (const seq of [0, 1]) {
      const { res } = await uploadChunk({ userId: "intruder", sessionId: body.sessionId, seq, events: makeEvents(3) });
      await expectError(res, 403, "not_owner");
    }
    expect(await env.DB.prepare("SELECT * FROM sessions WHERE id = ?").bind(body.sessionId).first()).toEqual(before.row);
    expect(await sessionObjects(body.sessionId)).toEqual(before.objects);
    expect((await env.CHUNKS.head(before.objects[0].key))!.etag).toBe(etag);
    expect(await chunkRows(body.sessionId)).toHaveLength(1);
  });

  it("gives a new session to the first of two users racing for it, and 403 to the other", async () => {
    const body = uploadBody();
    const [a, b] = await Promise.all([
      postUpload(await mintToken("racer-a"), JSON.stringify(body)),
      postUpload(await mintToken("racer-b"), JSON.stringify(body)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const owner = a.status === 200 ? "racer-a" : "racer-b";
    expect(await env.DB.prepare("SELECT user_id, chunk_count FROM sessions WHERE id = ?").bind(body.sessionId).first()).toEqual({
      user_id: owner,
      chunk_count: 1,
    });
    expect(await sessionObjects(body.sessionId)).toHaveLength(1);
  });

  it("treats an upper-case session id as the same session", async () => {
    const body = await seedChunk({ userId: "caser" });
    const { res } = await uploadChunk({
      userId: "caser",
      sessionId: body.sessionId.toUpperCase(),
      seq: 1,
      events: makeEvents(3, { start: 1_767_225_700_000, fullSnapshot: false }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sessionId: body.sessionId });
    expect(await chunkRows(body.sessionId)).toHaveLength(2);
  });
});
