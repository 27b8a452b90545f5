import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { call } from "../../helpers/worker/http";
import { T0, makeEvents, newSessionId } from "../../helpers/worker/events";
import { gzipBytes } from "../../helpers/worker/gzip";
import { leakedNeedles, leakyEvents } from "../../helpers/worker/leaky-upload";
import { adminGet, type SessionDetail } from "../../helpers/worker/admin";
import { storedBody } from "../../helpers/worker/storage";
import { postUpload, uploadBody } from "../../helpers/worker/upload";
import { gunzip } from "../../../worker/crypto/codec";

/** Random lowercase words: text that neither compresses well nor looks like personal data. */
function words(n: number) {
  const letters = crypto.getRandomValues(new Uint8Array(n * 6));
  return Array.from({ length: n }, (_, w) => Array.from(letters.subarray(w * 6, w * 6 + 6), (b) => String.fromCharCode(97 + (b % 26))).join("")).join(" ");
}

/** A text change per event with its own random words: a body that takes several inflate steps. */
function bulkyEvents(count: number) {
  return makeEvents(count, { start: T0 }).map((e, i) =>
    i < 2 ? e : { type: 3, data: { source: 0, texts: [{ id: 2, value: words(12) }], attributes: [], removes: [], adds: [] }, timestamp: e.timestamp },
  );
}

async function send(body: unknown, gzip: boolean) {
  const json = JSON.stringify(body);
  const sent = gzip ? await gzipBytes(json) : new TextEncoder().encode(json);
  const res = await postUpload(await mintToken("body-user"), sent, gzip ? { "Content-Encoding": "gzip" } : {});
  expect(res.status).toBe(200);
  await res.body?.cancel();
  return sent;
}

/** The chunk's events as its signed URL serves them, gzip and plain. */
async function servedEvents(sessionId: string, seq: number) {
  const detail = (await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`)).body;
  const url = detail.chunks.find((c) => c.seq === seq)?.url ?? "";
  const gz = await call(url, { headers: { "Accept-Encoding": "gzip" } });
  expect(gz.headers.get("Content-Encoding")).toBe("gzip");
  const plain = await call(url, { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers.get("Content-Encoding")).toBeNull();
  return { gzip: await gz.json(), plain: JSON.parse(await plain.text()) };
}

const text = (gzipped: Uint8Array) => new TextDecoder().decode(gunzip(gzipped));

describe("stored chunk bodies", () => {
  it("keeps a gzip upload the scan left unchanged as the bytes it came in, and serves only its events", async () => {
    const body = uploadBody({ sessionId: newSessionId(), events: bulkyEvents(600) });
    const sent = await send(body, true);
    expect(sent.byteLength).toBeGreaterThan(3 * 8_192); // several inflate steps
    const stored = await storedBody(body.sessionId, 0);
    expect(stored.format).toBe("upload");
    expect(stored.gzipped).toEqual(sent);
    expect(await servedEvents(body.sessionId, 0)).toEqual({ gzip: body.events, plain: body.events });
  });

  it("keeps a plain upload as its JSON, gzipped", async () => {
    const body = uploadBody({ sessionId: newSessionId(), events: makeEvents(6) });
    const sent = await send(body, false);
    const stored = await storedBody(body.sessionId, 0);
    expect(stored.format).toBe("upload");
    expect(await text(stored.gzipped)).toBe(new TextDecoder().decode(sent));
    expect(await servedEvents(body.sessionId, 0)).toEqual({ gzip: body.events, plain: body.events });
  });

  it("stores the redacted events, not the body, when the scan changed anything", async () => {
    const body = uploadBody({ sessionId: newSessionId(), events: leakyEvents() });
    await send(body, true);
    const stored = await storedBody(body.sessionId, 0);
    expect(stored.format).toBe("events");
    const json = await text(stored.gzipped);
    expect(leakedNeedles(json)).toEqual([]);
    const served = await servedEvents(body.sessionId, 0);
    expect(served.gzip).toEqual(JSON.parse(json));
    expect(served.plain).toEqual(JSON.parse(json));
  });

  it("never stores fields of the body it does not keep", async () => {
    const events = makeEvents(4);
    const extras = [
      { ...uploadBody({ sessionId: newSessionId(), events }), note: "unkept-top-5d1" },
      { ...uploadBody({ sessionId: newSessionId(), events }), meta: { ua: "test-agent", plan: "unkept-meta-5d1" } },
      { ...uploadBody({ sessionId: newSessionId(), events }), meta: { viewport: { width: 10, height: 10, owner: "unkept-viewport-5d1" } } },
    ];
    for (const body of extras) {
      await send(body, true);
      const stored = await storedBody(body.sessionId, 0);
      expect(stored.format).toBe("events");
      expect(await text(stored.gzipped)).not.toContain("unkept-");
      expect((await servedEvents(body.sessionId, 0)).plain).toEqual(events);
    }
  });
});
