import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TEST_VARS } from "../../helpers/test-vars";
import { BASE, call, callWithEnv, expectError } from "../../helpers/worker/http";
import { T0, makeEvents, newSessionId } from "../../helpers/worker/events";
import { seedChunk } from "../../helpers/worker/upload";
import { adminGet, type SessionDetail } from "../../helpers/worker/admin";
import { signedChunkPath } from "../../../worker/crypto/signed-url";
import { chunkKey } from "../../../worker/storage/keys";
import { storedObject } from "../../helpers/worker/storage";

/** Seeds a two-chunk session and returns its signed URLs, as the admin detail gives them. */
async function seedWithUrls(userId = "chunk-user") {
  const sessionId = newSessionId();
  const events = [makeEvents(4, { start: T0 }), makeEvents(4, { start: T0 + 1000, fullSnapshot: false })];
  for (const [seq, ev] of events.entries()) await seedChunk({ userId, sessionId, seq, events: ev });
  const detail = (await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`)).body;
  return { sessionId, events, urls: detail.chunks.map((c) => new URL(c.url)) };
}

const expectForbidden = async (url: URL | string) => expectError(await call(url.toString()), 403, "bad_signature");

describe("GET /api/chunks/:sessionId/:seq (signed)", () => {
  it("serves the chunk's events, gzip-encoded JSON, not cached, without a token", async () => {
    const { events, urls } = await seedWithUrls();
    const res = await call(urls[1].toString());
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(events[1]);
  });

  it("sends gzip to clients that accept it and plain JSON to those that do not", async () => {
    const { events, urls } = await seedWithUrls();
    for (const accept of ["gzip, deflate, br", "*", "br;q=1, GZIP;q=0.5"]) {
      const gz = await call(urls[0].toString(), { headers: { "Accept-Encoding": accept } });
      expect(gz.headers.get("Content-Encoding")).toBe("gzip");
      expect(await gz.json()).toEqual(events[0]);
    }
    for (const accept of ["identity", "gzip;q=0", "br"]) {
      const plain = await call(urls[0].toString(), { headers: { "Accept-Encoding": accept } });
      expect(plain.headers.get("Content-Encoding")).toBeNull();
      expect(plain.headers.get("Cache-Control")).toBe("no-store");
      expect(JSON.parse(await plain.text())).toEqual(events[0]);
    }
  });

  it("refuses a URL altered in any part", async () => {
    const { sessionId, urls } = await seedWithUrls();
    const other = await seedWithUrls();
    const base = urls[0];
    const exp = base.searchParams.get("exp")!;
    const sig = base.searchParams.get("sig")!;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    // session
    await expectForbidden(`${BASE}/api/chunks/${other.sessionId}/0?exp=${exp}&sig=${sig}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId.toUpperCase()}/0?exp=${exp}&sig=${sig}`);
    // seq
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/1?exp=${exp}&sig=${sig}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/00?exp=${exp}&sig=${sig}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/-0?exp=${exp}&sig=${sig}`);
    // exp: later, earlier, or the same number written differently
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=${Number(exp) + 86_400_000}&sig=${sig}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=${Number(exp) - 1}&sig=${sig}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=0${exp}&sig=${sig}`);
    // sig: first, middle, last character; missing; empty
    for (const i of [0, 20, sig.length - 1]) await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=${exp}&sig=${flip(sig, i)}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=${exp}`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?exp=${exp}&sig=`);
    await expectForbidden(`${BASE}/api/chunks/${sessionId}/0?sig=${sig}`);
    // The unaltered URL still works.
    expect((await call(base.toString())).status).toBe(200);
  });

  it("refuses a signature reused for another chunk of the same or another session", async () => {
    const a = await seedWithUrls();
    const b = await seedWithUrls();
    const q0 = a.urls[0].search;
    await expectForbidden(`${BASE}/api/chunks/${a.sessionId}/1${q0}`);
    await expectForbidden(`${BASE}/api/chunks/${b.sessionId}/0${q0}`);
  });

  it("refuses an expired URL", async () => {
    const { sessionId } = await seedWithUrls();
    const past = Date.now() - 1000;
    await expectForbidden(BASE + (await signedChunkPath(TEST_VARS.REPLAY_SIGNING_SECRET, sessionId, 0, past)));
    // Valid until its expiry.
    expect((await call(BASE + (await signedChunkPath(TEST_VARS.REPLAY_SIGNING_SECRET, sessionId, 0, Date.now() + 60_000)))).status).toBe(200);
  });

  it("refuses a URL signed with another key (a foreign signature)", async () => {
    const { sessionId } = await seedWithUrls();
    await expectForbidden(BASE + (await signedChunkPath("another-deployment-signing-secret-0123456789", sessionId, 0, Date.now() + 60_000)));
  });

  it("stops working when the signing secret is rotated", async () => {
    const { urls } = await seedWithUrls();
    const res = await callWithEnv({ REPLAY_SIGNING_SECRET: "rotated-signing-secret-0123456789abcdefghijkl" }, new Request(urls[0]));
    await expectError(res, 403, "bad_signature");
  });

  it("answers 404 for a validly signed chunk that does not exist", async () => {
    const path = await signedChunkPath(TEST_VARS.REPLAY_SIGNING_SECRET, newSessionId(), 0, Date.now() + 60_000);
    await expectError(await call(BASE + path), 404, "not_found");
  });

  it("refuses a blob moved to another chunk's key (encryption is bound to session and seq)", async () => {
    const { sessionId, urls } = await seedWithUrls();
    // Chunk 0's blob put where chunk 1's row says chunk 1 is.
    await env.CHUNKS.put(chunkKey(sessionId, 1), await storedObject(sessionId, 0));
    await env.DB.prepare("UPDATE chunks SET storage_key = ?, blob_offset = NULL, blob_length = NULL WHERE session_id = ? AND seq = 1")
      .bind(chunkKey(sessionId, 1), sessionId)
      .run();
    const res = await call(urls[1].toString());
    expect(res.status).toBe(500);
    const text = await expectError(res, 500, "internal_error");
    expect(text).not.toContain(sessionId);
  });
});
