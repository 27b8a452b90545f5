import { describe, expect, it, vi } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, call, callAs, callWithEnv, expectError, postJson } from "../../helpers/worker/http";
import { erasedUserId, expectCompletedDeletion } from "../../helpers/worker/deletion-requests";
import { T0, makeEvents, newSessionId } from "../../helpers/worker/events";
import { seedChunk, uploadRequest } from "../../helpers/worker/upload";
import { adminGet, adminRequest, adminToken, type SessionDetail, type SessionPage } from "../../helpers/worker/admin";
import { countRows, sessionObjects } from "../../helpers/worker/storage";

/** Seeds a session of three chunks; returns its id and the events of each chunk. */
async function seedSession(userId: string) {
  const sessionId = newSessionId();
  const chunks = [
    makeEvents(5, { start: T0 }),
    makeEvents(5, { start: T0 + 1000, fullSnapshot: false }),
    makeEvents(5, { start: T0 + 2000, fullSnapshot: false }),
  ];
  for (const [seq, events] of chunks.entries()) await seedChunk({ userId, sessionId, seq, events, gzip: seq === 1 });
  return { sessionId, chunks };
}

describe("GET /api/admin/sessions/:id", () => {
  it("returns the session with its chunks and signed URLs that work without a token", async () => {
    const { sessionId, chunks } = await seedSession("detail-user");
    const { status, body, headers } = await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`);
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body).toMatchObject({ id: sessionId, userId: "detail-user", startedAt: T0, endedAt: T0 + 2400, chunkCount: 3, status: "live" });
    expect(body.chunks.map((c) => [c.seq, c.startedAt, c.endedAt])).toEqual([
      [0, T0, T0 + 400],
      [1, T0 + 1000, T0 + 1400],
      [2, T0 + 2000, T0 + 2400],
    ]);
    expect(body.bytes).toBe(body.chunks.reduce((n, c) => n + c.bytes, 0));
    for (const chunk of body.chunks) {
      expect(chunk.url).toMatch(new RegExp(`^${BASE}/api/chunks/${sessionId}/${chunk.seq}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
      const res = await call(chunk.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await res.json()).toEqual(chunks[chunk.seq]);
    }
  });

  it("lists chunks its object has not indexed in D1 yet, with signed URLs that work, and the object's current totals", async () => {
    const { sessionId, chunks } = await seedSession("pending-user");
    // The claim wrote the session row with the first chunk's summary; no chunk row is in D1 yet.
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(0);
    const { body } = await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`);
    expect(body).toMatchObject({ chunkCount: 3, endedAt: T0 + 2400 });
    expect(body.chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(body.bytes).toBe(body.chunks.reduce((n, c) => n + c.bytes, 0));
    for (const chunk of body.chunks) expect(await (await call(chunk.url)).json()).toEqual(chunks[chunk.seq]);
    const listed = (await adminGet<SessionPage>("/api/admin/sessions?userId=pending-user")).body.sessions;
    expect(listed.find((s) => s.id === sessionId)).toMatchObject({ chunkCount: 3, bytes: body.bytes, endedAt: T0 + 2400 });
  });

  it("answers 404 for an unknown session and 400 for a malformed id", async () => {
    const token = await adminToken();
    await expectError(await callAs(token, `/api/admin/sessions/${newSessionId()}`), 404, "not_found");
    await expectError(await callAs(token, "/api/admin/sessions/not-a-uuid"), 400, "bad_request");
  });

  it("accepts an upper-case id", async () => {
    const { sessionId } = await seedSession("detail-user");
    expect((await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId.toUpperCase()}`)).body.id).toBe(sessionId);
  });
});

describe("DELETE /api/admin/sessions/:id", () => {
  it("erases the session's R2 objects and rows; the admin API and old signed URLs no longer show it", async () => {
    const { sessionId } = await seedSession("erase-me");
    const keep = await seedSession("erase-me");
    const detail = (await adminGet<SessionDetail>(`/api/admin/sessions/${sessionId}`)).body;
    // Its three chunks, one run from a full snapshot: one segment.
    expect(await sessionObjects(sessionId)).toHaveLength(1);

    // Through the runtime, without waiting for background work: erased by the time it answers.
    const res = await callAs(await adminToken(), `/api/admin/sessions/${sessionId}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });

    expect(await sessionObjects(sessionId)).toEqual([]);
    expect(await countRows("sessions", "id = ?", sessionId)).toBe(0);
    expect(await countRows("chunks", "session_id = ?", sessionId)).toBe(0);
    expect(await countRows("session_keys", "session_id = ?", sessionId)).toBe(0);
    await expectError(await callAs(await adminToken(), `/api/admin/sessions/${sessionId}`), 404, "not_found");
    const list = await adminGet<SessionPage>("/api/admin/sessions?userId=erase-me");
    expect(list.body.sessions.map((s) => s.id)).toEqual([keep.sessionId]);
    const old = await call(detail.chunks[0].url);
    expect([403, 404]).toContain(old.status);
    await old.body?.cancel();
    // The other session of the same user is untouched.
    expect(await sessionObjects(keep.sessionId)).toHaveLength(1);
    // The request and its completion are recorded.
    await expectCompletedDeletion("session_id", sessionId, { requested_by: "root" });
    // Deleting again: nothing to delete.
    await expectError(await adminRequest(`/api/admin/sessions/${sessionId}`, { method: "DELETE" }), 404, "not_found");
  });

  it("refuses a late chunk for the erased session instead of recreating it", async () => {
    const { sessionId } = await seedSession("erase-late");
    await (await adminRequest(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).body?.cancel();
    const res = await callAs(await mintToken("erase-late"), "/api/replay/upload", postJson({ sessionId, seq: 9, events: makeEvents(3, { start: T0 + 9000 }) }));
    await expectError(res, 410, "session_erased");
    expect(await sessionObjects(sessionId)).toEqual([]);
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", sessionId)).toBe(0);
  });
});

describe("POST /api/admin/deletion-requests", () => {
  it("erases every session of a user and records the request and its completion", async () => {
    const a = await seedSession("gdpr-user");
    const b = await seedSession("gdpr-user");
    const other = await seedSession("gdpr-other");
    const res = await adminRequest("/api/admin/deletion-requests", postJson({ userId: "gdpr-user" }));
    expect(res.status).toBe(202);
    const { requestId } = await res.json<{ requestId: string }>();
    for (const s of [a, b]) {
      expect(await sessionObjects(s.sessionId)).toEqual([]);
      expect(await countRows("sessions", "id = ?", s.sessionId)).toBe(0);
    }
    expect(await sessionObjects(other.sessionId)).toHaveLength(1);
    await expectCompletedDeletion("id", requestId, { user_id: await erasedUserId("gdpr-user"), source: "admin", sessions_erased: 2 });
  });

  it("refuses a body without a userId", async () => {
    const token = await adminToken();
    for (const body of ["{}", '{"userId":""}', '{"userId":5}', "not json"]) {
      await expectError(
        await callAs(token, "/api/admin/deletion-requests", { method: "POST", headers: { "Content-Type": "application/json" }, body }),
        400,
        "bad_request",
      );
    }
  });
});

describe("GET /api/admin/metrics", () => {
  it("reports events per minute, uploads, bytes, capture failures and rejections by code over the last hour", async () => {
    const upload = (body: string) => callWithEnv({}, uploadRequest(token, body));
    const token = await mintToken("metrics-user");
    expect((await upload(JSON.stringify({ sessionId: newSessionId(), seq: 0, events: makeEvents(7), meta: { ua: "ua", captureErrors: 2 } }))).status).toBe(200);
    await expectError(await upload("{bad"), 400, "bad_json");
    // Counts are merged in memory and written within a couple of seconds (worker/ingest/metric-tally.ts).
    const { status, body } = await vi.waitFor(
      async () => {
        const read = await adminGet<Record<string, unknown>>("/api/admin/metrics");
        expect(read.body.captureFailures as number).toBeGreaterThanOrEqual(2);
        expect((read.body.rejectedByCode as Record<string, number>).bad_json).toBeGreaterThanOrEqual(1);
        return read;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      uploads: expect.any(Number),
      bytes: expect.any(Number),
      eventsPerMinute: expect.any(Number),
      captureFailures: expect.any(Number),
      rejectedByCode: expect.any(Object),
    });
    expect(body.uploads as number).toBeGreaterThanOrEqual(1);
  });
});
