import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { call, callAs, expectError } from "../../helpers/worker/http";
import { T0, makeEvents, newSessionId } from "../../helpers/worker/events";
import { gzipBytes } from "../../helpers/worker/gzip";
import { postUpload, uploadBody, uploadChunk } from "../../helpers/worker/upload";
import { chunkRows, countRows, sessionObjects, sessionRow } from "../../helpers/worker/storage";

const ADMIN = () => mintToken("root", { admin: true });

/** Reads a chunk back the way the player does: admin detail, then the signed URL, no token. */
async function readBack(sessionId: string, seq: number): Promise<unknown[]> {
  const detail = await (await callAs(await ADMIN(), `/api/admin/sessions/${sessionId}`)).json<{ chunks: Array<{ seq: number; url: string }> }>();
  const chunk = detail.chunks.find((c) => c.seq === seq);
  if (!chunk) throw new Error(`chunk ${seq} not listed`);
  const own = await call(chunk.url);
  expect(own.status).toBe(200);
  return own.json();
}

describe("POST /api/replay/upload: accepted chunks", () => {
  for (const gzip of [false, true]) {
    it(`stores a ${gzip ? "gzip" : "plain"} chunk in R2 (encrypted, compressed) and indexes it in D1`, async () => {
      const events = makeEvents(40, { start: T0 + 1000 });
      const { res, body } = await uploadChunk({ userId: "alice", gzip, events, seq: 0 });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, sessionId: body.sessionId, seq: 0 });

      // In R2 once its object writes its buffer: a segment holding this one chunk.
      const objects = await sessionObjects(body.sessionId);
      expect(objects).toEqual([
        { key: expect.stringMatching(new RegExp(`^sessions/${body.sessionId}/segments/0000000000-[0-9a-f]{16}\\.bin$`)), size: expect.any(Number) },
      ]);
      const stored = new Uint8Array(await (await env.CHUNKS.get(objects[0].key))!.arrayBuffer());
      // Not the plaintext, and not even the gzip of it: encrypted at rest.
      expect(new TextDecoder().decode(stored)).not.toContain("app.example.com");
      expect([stored[0], stored[1]]).not.toEqual([0x1f, 0x8b]);

      // Nothing in it to redact: stored as the upload was sent (storage/chunk-body.ts), so its JSON is the body's.
      const rawJson = JSON.stringify(body);
      const [row] = await chunkRows(body.sessionId);
      expect(row).toMatchObject({
        seq: 0,
        started_at: T0 + 1000,
        ended_at: T0 + 1000 + 39 * 100,
        bytes: stored.byteLength,
        raw_bytes: new TextEncoder().encode(rawJson).byteLength,
        event_count: 40,
        has_full_snapshot: 1,
        storage_key: objects[0].key,
        blob_offset: 0,
        blob_length: stored.byteLength,
      });
      // Stored compressed: far smaller than the JSON.
      expect(stored.byteLength).toBeLessThan(row.raw_bytes);

      const session = await sessionRow(body.sessionId);
      expect(session).toMatchObject({
        user_id: "alice",
        started_at: T0 + 1000,
        ended_at: T0 + 4900,
        bytes: stored.byteLength,
        event_count: 40,
        chunk_count: 1,
        erased_at: null,
      });
      expect(JSON.parse(session!.meta)).toMatchObject({ ua: "test-agent", viewport: { width: 1280, height: 720 } });

      expect(await readBack(body.sessionId, 0)).toEqual(events);
    });
  }

  it("adds later chunks to the same session and sums their bytes", async () => {
    const sessionId = newSessionId();
    const first = await uploadChunk({ userId: "alice", sessionId, seq: 0, events: makeEvents(10, { start: T0 }) });
    const second = await uploadChunk({ userId: "alice", sessionId, seq: 1, events: makeEvents(10, { start: T0 + 1000, fullSnapshot: false }), gzip: true });
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    const rows = await chunkRows(sessionId);
    expect(rows.map((r) => [r.seq, r.has_full_snapshot])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const session = await sessionRow(sessionId);
    expect(session).toMatchObject({ chunk_count: 2, event_count: 20, bytes: rows[0].bytes + rows[1].bytes, started_at: T0, ended_at: T0 + 1900 });
    expect(await readBack(sessionId, 1)).toEqual(second.body.events);
  });

  it("accepts any 8-4-4-4-12 hex session id, not only v4 UUIDs", async () => {
    for (const sessionId of ["11111111-1111-1111-1111-111111111111", "00000000-0000-0000-0000-0000000000a1"]) {
      const { res } = await uploadChunk({ userId: "alice-ids", sessionId });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, sessionId, seq: 0 });
      expect(await readBack(sessionId, 0)).toHaveLength(5);
    }
  });

  it("keeps events byte-for-byte, including unknown fields and unicode", async () => {
    const events = [
      ...makeEvents(2),
      { type: 5, data: { tag: "note", payload: { text: "héllo \u{1F600} \u0000 </script>", nested: [1, [2, [3]]] } }, timestamp: T0 + 500, extra: "kept" },
      { type: 3, data: { source: 5, text: "h\u00e9", isChecked: false, id: 2, userTriggered: true }, timestamp: T0 + 600 },
      { type: 0, data: {}, timestamp: T0 + 700 },
      { type: 1, data: {}, timestamp: T0 + 700 },
    ];
    const { res, body } = await uploadChunk({ userId: "alice", events, gzip: true });
    expect(res.status).toBe(200);
    expect(await readBack(body.sessionId, 0)).toEqual(events);
  });

  it("redacts query strings and fragments of meta.url before indexing", async () => {
    const { res, body } = await uploadChunk({
      userId: "alice",
      meta: { ua: "ua", viewport: { width: 1, height: 1 }, url: "https://user:pw@app.example.com/a?token=secret123&q=#state=frag" },
    });
    expect(res.status).toBe(200);
    const session = await sessionRow(body.sessionId);
    expect(session!.meta).not.toContain("secret123");
    expect(session!.meta).not.toContain("pw@");
    expect(session!.meta).not.toContain("frag");
    // The recorder's policy (protocol/redact-url): the list shows what the replay shows.
    expect(JSON.parse(session!.meta!).url).toBe("https://app.example.com/a?token=redacted&q=#state=redacted");
  });
});

describe("POST /api/replay/upload: malformed chunks get 400 and store nothing", () => {
  async function expectRejected(body: BodyInit, code: string, headers: Record<string, string> = {}, status = 400) {
    const before = {
      sessions: await countRows("sessions"),
      chunks: await countRows("chunks"),
      objects: (await env.CHUNKS.list({ prefix: "sessions/" })).objects.length,
    };
    const res = await postUpload(await mintToken("mallory"), body, headers);
    await expectError(res, status, code);
    expect({
      sessions: await countRows("sessions"),
      chunks: await countRows("chunks"),
      objects: (await env.CHUNKS.list({ prefix: "sessions/" })).objects.length,
    }).toEqual(before);
  }
  const json = (over: Record<string, unknown>) => JSON.stringify({ ...uploadBody(), ...over });

  it("bad JSON", async () => {
    await expectRejected("{not json", "bad_json");
    await expectRejected("", "bad_json");
    await expectRejected(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "bad_json"); // not UTF-8
  });

  it("bad gzip", async () => {
    await expectRejected(json({}), "bad_gzip", { "Content-Encoding": "gzip" });
    const gz = await gzipBytes(json({}));
    await expectRejected(gz.subarray(0, gz.length - 12), "bad_gzip", { "Content-Encoding": "gzip" }); // truncated
  });

  it("an encoding other than gzip", async () => {
    await expectRejected(json({}), "unsupported_encoding", { "Content-Encoding": "br" });
  });

  it("wrong envelope types", async () => {
    for (const over of [
      { sessionId: "not-a-uuid" },
      { sessionId: 42 },
      { seq: "0" },
      { seq: -1 },
      { seq: 1.5 },
      { events: "[]" },
      { events: [] },
      { events: null },
      { meta: { viewport: { width: "wide", height: 1 } } },
      { meta: "ua" },
    ]) {
      await expectRejected(json(over), "bad_envelope");
    }
    await expectRejected(JSON.stringify([uploadBody()]), "bad_envelope");
    await expectRejected("null", "bad_envelope");
  });

  it("events that are not rrweb events", async () => {
    for (const event of [
      { type: 99, data: {}, timestamp: T0 }, // unknown event type
      { type: 3, data: {}, timestamp: T0 }, // incremental without source
      { type: 3, data: { source: 1 }, timestamp: "1767225600000" }, // string timestamp
      { type: 3, data: { source: 1 } }, // no timestamp
      { type: 2, data: { node: {} }, timestamp: T0 }, // full snapshot without initialOffset
      { type: 4, data: { href: 1, width: 1, height: 1 }, timestamp: T0 },
      { type: "3", data: { source: 1 }, timestamp: T0 },
      { type: 3, data: { source: 1 }, timestamp: 1000 }, // 1970: not a browser clock
      { type: 3, data: { source: 1 }, timestamp: Date.now() + 7 * 86_400_000 }, // a week in the future
      [1, 2, 3],
      "event",
    ]) {
      await expectRejected(json({ events: [...makeEvents(2), event] }), "bad_event");
    }
  });

  it("rrweb plugin events and other event types the recorder never sends", async () => {
    for (const event of [
      { type: 6, data: { plugin: "rrweb/console@1", payload: { level: "log", trace: [], payload: ["card 4111 1111 1111 1111"] } }, timestamp: T0 + 500 },
      { type: 6, data: { plugin: "rrweb/network@1", payload: { requests: [{ url: "https://api.example.com/me", responseBody: "{}" }] } }, timestamp: T0 + 500 },
      { type: 6, data: { plugin: "anything/else@9", payload: {} }, timestamp: T0 + 500 },
      { type: 7, data: { url: "https://cdn.example.com/a.png", payload: {} }, timestamp: T0 + 500 },
      { type: 8, data: { tag: "x", payload: {} }, timestamp: T0 + 500 },
    ]) {
      await expectRejected(json({ events: [...makeEvents(2), event] }), "unsupported_event");
    }
  });

  it("events out of time order", async () => {
    const events = makeEvents(5);
    [events[2], events[3]] = [events[3], events[2]];
    await expectRejected(json({ events }), "events_out_of_order");
  });

  it("deep nesting (10,000 nested arrays) is refused without a crash", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    await expectRejected(`{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":3,"data":{"source":1,"x":${deep}},"timestamp":${T0}}]}`, "too_deep");
    await expectRejected(`{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":5,"data":{"tag":"t","payload":${deep}},"timestamp":${T0}}]}`, "too_deep");
    // The envelope itself nested deeply.
    await expectRejected(`{"sessionId":"${newSessionId()}","seq":0,"events":${deep}}`, "bad_event");
    // Deep objects too, gzipped so the body stays small.
    const deepObj = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    const body = `{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":5,"data":{"tag":"t","payload":${deepObj}},"timestamp":${T0}}]}`;
    await expectRejected(await gzipBytes(body), "too_deep", { "Content-Encoding": "gzip" });
  });

  it("accepts nesting as deep as a real DOM snapshot (a few hundred levels)", async () => {
    const depth = 400;
    const nested = "[".repeat(depth) + "]".repeat(depth);
    const res = await postUpload(
      await mintToken("mallory"),
      `{"sessionId":"${newSessionId()}","seq":0,"events":[{"type":5,"data":{"tag":"t","payload":${nested}},"timestamp":${T0}}]}`,
    );
    expect(res.status).toBe(200);
  });

  it("a string longer than the per-string bound", async () => {
    const events = [...makeEvents(2), { type: 5, data: { tag: "big", payload: "x".repeat(1_048_577) }, timestamp: T0 + 500 }];
    await expectRejected(await gzipBytes(json({ events })), "string_too_long", { "Content-Encoding": "gzip" });
  });

  it("a request without a body", async () => {
    const res = await callAs(await mintToken("mallory"), "/api/replay/upload", { method: "POST" });
    await expectError(res, 400, "empty_body");
  });
});
