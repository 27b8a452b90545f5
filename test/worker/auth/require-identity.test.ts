import { beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, call, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeSigningKey, serveJwks, signWith } from "../../helpers/worker/jwks";
import { seedChunk, uploadChunk } from "../../helpers/worker/upload";
import { chunkRows, countRows, sessionObjects } from "../../helpers/worker/storage";

describe("who is an admin (decided by the server, for admin tokens only)", () => {
  it("role: admin", async () => {
    const res = await callAs(await mintToken("by-role", { kind: "admin", claims: { role: "admin" } }), "/api/admin/me");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: "by-role", isAdmin: true, via: "token" });
  });

  it('roles: [..., "admin"]', async () => {
    const res = await callAs(await mintToken("by-roles", { kind: "admin", claims: { roles: ["viewer", "admin"] } }), "/api/admin/me");
    expect(res.status).toBe(200);
  });

  it("sub listed in REPLAY_ADMIN_USERS", async () => {
    const res = await callAs(await mintToken("listed-admin", { kind: "admin" }), "/api/admin/me");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId: "listed-admin" });
  });

  it("nothing else makes an admin: any other admin-secret token gets 403", async () => {
    const lookalikes = [
      {},
      { role: "Admin" },
      { role: ["admin"] },
      { roles: "admin" },
      { roles: ["administrator"] },
      { admin: true },
      { isAdmin: true },
      { scope: "admin" },
    ];
    for (const claims of lookalikes) {
      const res = await callAs(await mintToken("plain", { kind: "admin", claims }), "/api/admin/sessions");
      await expectError(res, 403, "forbidden");
    }
    // A sub that merely contains a listed admin's name.
    await expectError(await callAs(await mintToken("listed-admin-2", { kind: "admin" }), "/api/admin/me"), 403, "forbidden");
  });
});

describe("recording and admin tokens are never interchangeable", () => {
  it("answers a recording token 401 on every admin route, whatever its claims, and changes nothing", async () => {
    const body = await seedChunk({ userId: "victim" });
    const id = body.sessionId;
    // What a host backend could put into the recording tokens it mints.
    const tokens = [
      await mintToken("victim", { claims: { role: "admin" } }),
      await mintToken("victim", { claims: { roles: ["admin"] } }),
      await mintToken("listed-admin"),
    ];
    const attempts: Array<[string, RequestInit]> = [
      ["/api/admin/sessions", {}],
      [`/api/admin/sessions?userId=victim`, {}],
      [`/api/admin/sessions/${id}`, {}],
      [`/api/admin/sessions/${id}`, { method: "DELETE" }],
      ["/api/admin/deletion-requests", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId: "victim" }) }],
      ["/api/admin/metrics", {}],
      ["/api/admin/ops/status", {}],
      ["/api/admin/ops/run-scheduled", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }],
    ];
    for (const token of tokens) {
      for (const [path, init] of attempts) {
        const text = await expectError(await callAs(token, path, init), 401, "invalid_token");
        expect(text).not.toContain(id);
      }
    }
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", id)).toBe(1);
    expect(await sessionObjects(id)).toHaveLength(1);
    expect(await chunkRows(id)).toHaveLength(1);
  });

  it("answers an admin token 401 on the recording API and stores or erases nothing", async () => {
    const admin = await mintToken("uploader", { admin: true });
    const { res, body } = await uploadChunk({ token: admin });
    await expectError(res, 401, "invalid_token");
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);

    const kept = await seedChunk({ userId: "uploader" });
    await expectError(await callAs(admin, "/api/replay/me", { method: "DELETE" }), 401, "invalid_token");
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", kept.sessionId)).toBe(1);
  });

  it("refuses admin routes without a token with 401", async () => {
    for (const path of ["/api/admin/sessions", "/api/admin/metrics", `/api/admin/sessions/${crypto.randomUUID()}`]) {
      await expectError(await call(path), 401, "missing_token");
    }
  });
});

describe("Cloudflare Access (CF_ACCESS_TEAM_DOMAIN + CF_ACCESS_AUD)", () => {
  const team = "replay-team.cloudflareaccess.com";
  const aud = "access-aud-tag";
  const certs = `https://${team}/cdn-cgi/access/certs`;
  const vars = { CF_ACCESS_TEAM_DOMAIN: team, CF_ACCESS_AUD: aud, REPLAY_ADMIN_USERS: "ops@example.com,ops2@example.com,access-sub-listed" };
  const me = (assertion: string, headers: Record<string, string> = {}) =>
    new Request(`${BASE}/api/admin/me`, { headers: { "Cf-Access-Jwt-Assertion": assertion, ...headers } });
  // The team's certs URL is fixed and its key set is cached per isolate, so every test here uses one key.
  let key: Awaited<ReturnType<typeof makeSigningKey>>;
  const assert = (claims: Record<string, unknown>, opts: { ttlSeconds?: number } = {}) =>
    signWith(key, claims, { issuer: `https://${team}`, audience: aud, ...opts });
  beforeAll(async () => {
    key = await makeSigningKey("RS256", "access-1");
  });

  /** Runs `body` while the team's certs are served. */
  async function withCerts(body: () => Promise<void>) {
    const jwks = serveJwks({ [certs]: [key.jwk] });
    try {
      await body();
    } finally {
      jwks.restore();
    }
  }

  it("makes an admin of a valid assertion whose e-mail or subject is listed, and refuses a wrong audience, issuer or key", async () => {
    await withCerts(async () => {
      const res = await callWithEnv(vars, me(await assert({ sub: "u-123", email: "ops@example.com" })));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ userId: "ops@example.com", isAdmin: true, via: "cf-access" });
      expect(await (await callWithEnv(vars, me(await assert({ sub: "access-sub-listed" })))).json()).toMatchObject({
        userId: "access-sub-listed",
        via: "cf-access",
      });

      const other = await makeSigningKey("RS256", "access-1");
      for (const bad of [
        await signWith(key, { sub: "u-123", email: "ops@example.com" }, { issuer: `https://${team}`, audience: "another-app" }),
        await signWith(key, { sub: "u-123", email: "ops@example.com" }, { issuer: "https://evil.cloudflareaccess.com", audience: aud }),
        await signWith(other, { sub: "u-123", email: "ops@example.com" }, { issuer: `https://${team}`, audience: aud }),
      ]) {
        await expectError(await callWithEnv(vars, me(bad)), 401, "invalid_token");
      }
    });
  });

  it("answers 403 to a valid assertion of anyone not in REPLAY_ADMIN_USERS, and shows no data", async () => {
    await withCerts(async () => {
      const seeded = await seedChunk({ userId: "access-victim" });
      for (const claims of [{ sub: "u-77", email: "someone@example.com" }, { sub: "u-78", email: "OPS@example.com" }, { sub: "u-79" }]) {
        const assertion = await assert(claims);
        await expectError(await callWithEnv(vars, me(assertion)), 403, "forbidden");
        const list = new Request(`${BASE}/api/admin/sessions`, { headers: { "Cf-Access-Jwt-Assertion": assertion } });
        const text = await expectError(await callWithEnv(vars, list), 403, "forbidden");
        expect(text).not.toContain(seeded.sessionId);
      }
      // Not even with an empty list of admins.
      await expectError(await callWithEnv({ ...vars, REPLAY_ADMIN_USERS: "" }, me(await assert({ sub: "u-1", email: "ops@example.com" }))), 403, "forbidden");
    });
  });

  it("takes a listed assertion over a recording token, and an admin token over an unlisted or bad assertion", async () => {
    await withCerts(async () => {
      const good = await assert({ sub: "u-9", email: "ops2@example.com" });
      expect(await (await callWithEnv(vars, me(good, { Authorization: `Bearer ${await mintToken("plain")}` }))).json()).toMatchObject({
        userId: "ops2@example.com",
        via: "cf-access",
      });
      const admin = `Bearer ${await mintToken("root", { admin: true })}`;
      expect(await (await callWithEnv(vars, me("garbage", { Authorization: admin }))).json()).toMatchObject({ userId: "root", via: "token" });
      expect(await (await callWithEnv(vars, me(await assert({ sub: "u-5", email: "nobody@example.com" }), { Authorization: admin }))).json()).toMatchObject({
        userId: "root",
        via: "token",
      });
      // An unlisted assertion with a recording token: the token is not an admin's either.
      await expectError(
        await callWithEnv(vars, me(await assert({ sub: "u-6", email: "nobody@example.com" }), { Authorization: `Bearer ${await mintToken("plain")}` })),
        401,
        "invalid_token",
      );
    });
  });

  it("forgives the clock tolerance on an assertion's expiry, not more", async () => {
    await withCerts(async () => {
      expect((await callWithEnv(vars, me(await assert({ sub: "u-1", email: "ops@example.com" }, { ttlSeconds: -10 })))).status).toBe(200);
      await expectError(await callWithEnv(vars, me(await assert({ sub: "u-1", email: "ops@example.com" }, { ttlSeconds: -120 }))), 401, "invalid_token");
    });
  });

  it("ignores the header when Access is not configured", async () => {
    const assertion = await assert({ sub: "u-1", email: "ops@example.com" });
    await expectError(await callWithEnv({ REPLAY_ADMIN_USERS: vars.REPLAY_ADMIN_USERS }, me(assertion)), 401, "missing_token");
  });

  it("refuses a configuration with only one of the two settings", async () => {
    await expectError(await callWithEnv({ CF_ACCESS_TEAM_DOMAIN: team }, me("x")), 500, "bad_config");
  });
});
