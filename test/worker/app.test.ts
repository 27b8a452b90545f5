import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintToken } from "../helpers/tokens";
import { TEST_SECRETS, TEST_VARS } from "../helpers/test-vars";
import { BASE, call, callAs, callWithEnv, expectError } from "../helpers/worker/http";
import { makeEvents } from "../helpers/worker/events";
import { uploadBody, uploadRequest } from "../helpers/worker/upload";
import { chunkRows, countRows, sessionObjects } from "../helpers/worker/storage";
import { withObjectBindings } from "../helpers/worker/session-object";
import { d1BeforeBatch } from "../helpers/worker/d1";

/** A D1 binding whose `n`-th batch fails, as D1 does when it is briefly unavailable. */
function d1FailingBatch(n: number): D1Database {
  return d1BeforeBatch(n, () => {
    throw new Error("D1_ERROR: simulated outage (secret-internal-detail)");
  });
}

describe("one error shape from one onError", () => {
  it("answers unknown API routes and methods with 404 not_found", async () => {
    await expectError(await call("/api/nope"), 404, "not_found");
    await expectError(await call("/api/replay/upload"), 404, "not_found"); // GET on a POST route
    await expectError(await callAs(await mintToken("root", { admin: true }), "/api/admin/nope"), 404, "not_found");
    // Without a token, an admin path answers 401 whether or not it exists: nothing is learnt.
    await expectError(await call("/api/admin/nope"), 401, "missing_token");
  });

  it("answers a D1 failure while claiming a new session with 503, so the client retries; the retry stores the chunk once", async () => {
    const token = await mintToken("d1-user");
    const body = uploadBody({ events: makeEvents(6) });
    const request = () => uploadRequest(token, JSON.stringify(body));
    // The session's object makes the D1 calls: 1 read what D1 knows of the session, 2 claim it.
    const broken = await withObjectBindings(body.sessionId, { DB: d1FailingBatch(2) });
    const failed = await callWithEnv({}, request());
    const text = await expectError(failed, 503, "storage_unavailable");
    expect(text).not.toContain("secret-internal-detail");
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);
    await broken.restore();

    const retried = await callWithEnv({}, request());
    expect(retried.status).toBe(200);
    expect(await chunkRows(body.sessionId)).toHaveLength(1);
    const objects = await sessionObjects(body.sessionId);
    expect(objects).toHaveLength(1);
    expect(await env.DB.prepare("SELECT bytes, chunk_count FROM sessions WHERE id = ?").bind(body.sessionId).first()).toEqual({
      bytes: objects[0].size,
      chunk_count: 1,
    });
  });

  it("answers unexpected failures 500 internal_error without internals", async () => {
    const token = await mintToken("d1-user");
    // Not storage (a D1 failure is 503 storage_unavailable): a binding that fails in a way no code expects.
    const brokenLimiter: RateLimit = { limit: () => Promise.reject(new Error("simulated (secret-internal-detail)")) };
    const res = await callWithEnv({ UPLOAD_LIMITER: brokenLimiter } as never, uploadRequest(token, JSON.stringify(uploadBody())));
    const text = await expectError(res, 500, "internal_error");
    expect(text).not.toContain("D1_ERROR");
    expect(text).not.toContain("secret-internal-detail");
  });

  it("never puts tokens or secrets in error bodies", async () => {
    const user = await mintToken("leak-check");
    const bodies = [
      await (await callAs(user, "/api/admin/sessions")).text(),
      await (await callAs(`${user}x`, "/api/replay/upload", { method: "POST", body: "{}" })).text(),
      await (await callAs(user, "/api/replay/upload", { method: "POST", body: "{bad" })).text(),
      await (await callWithEnv({ REPLAY_ADMIN_JWT_SECRET: TEST_VARS.REPLAY_JWT_SECRET }, new Request(`${BASE}/api/replay/config`))).text(),
      await (await callWithEnv({ REPLAY_MASTER_KEY: "not base64 at all, but long enough to pass length" }, new Request(`${BASE}/api/replay/config`))).text(),
    ];
    for (const text of bodies) {
      expect(JSON.parse(text)).toHaveProperty("error.code");
      for (const secret of [user, ...TEST_SECRETS, "not base64 at all"]) expect(text).not.toContain(secret);
    }
  });
});

describe("GET /api/dev/token (local dev only)", () => {
  it("mints a recording token in dev, never an admin one", async () => {
    // Dev mode: REPLAY_DEV on a loopback host (`npm start`).
    const dev = { REPLAY_DEV: "true" };
    const local = (path: string) => new Request(`http://localhost:8787${path}`);
    const res = await callWithEnv(dev, local("/api/dev/token?user=demo-1"));
    expect(res.status).toBe(200);
    const { token } = await res.json<{ token: string }>();
    expect(
      (await callAs(token, "/api/replay/upload", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(uploadBody()) }))
        .status,
    ).toBe(200);
    await expectError(await callAs(token, "/api/admin/me"), 401, "invalid_token");
    await expectError(await callWithEnv(dev, local("/api/dev/token?user=listed-admin")), 400, "bad_user");
  });

  it("does not exist outside dev", async () => {
    const prod = {
      REPLAY_DEV: undefined,
      REPLAY_JWT_SECRET: "prod-jwt-secret-0123456789abcdef0123456789",
      REPLAY_SIGNING_SECRET: "prod-signing-secret-0123456789abcdef012345",
    };
    await expectError(await callWithEnv(prod, new Request(`${BASE}/api/dev/token`)), 404, "not_found");
    await expectError(await callWithEnv(prod, new Request("http://localhost:8787/api/dev/token")), 404, "not_found");
  });
});
