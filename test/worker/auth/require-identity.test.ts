import { beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, call, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeSigningKey, serveJwks, signWith } from "../../helpers/worker/jwks";
import { seedChunk } from "../../helpers/worker/upload";
import { countRows, sessionObjects } from "../../helpers/worker/storage";

describe("who is an admin (decided by the server)", () => {
  it("role: admin", async () => {
    const res = await callAs(await mintToken("by-role", { claims: { role: "admin" } }), "/api/admin/me");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: "by-role", isAdmin: true, via: "token" });
  });

  it('roles: [..., "admin"]', async () => {
    const res = await callAs(await mintToken("by-roles", { claims: { roles: ["viewer", "admin"] } }), "/api/admin/me");
    expect(res.status).toBe(200);
  });

  it("sub listed in REPLAY_ADMIN_USERS", async () => {
    const res = await callAs(await mintToken("listed-admin"), "/api/admin/me");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId: "listed-admin" });
  });

  it("nothing else makes an admin", async () => {
    const lookalikes = [
      { role: "Admin" },
      { role: ["admin"] },
      { roles: "admin" },
      { roles: ["administrator"] },
      { admin: true },
      { isAdmin: true },
      { scope: "admin" },
    ];
    for (const claims of lookalikes) {
      const res = await callAs(await mintToken("plain", { claims }), "/api/admin/sessions");
      await expectError(res, 403, "forbidden");
    }
    // A sub that merely contains a listed admin's name.
    await expectError(await callAs(await mintToken("listed-admin-2"), "/api/admin/me"), 403, "forbidden");
  });
});

describe("a user token on admin routes: 403 and no data", () => {
  it("refuses every admin route and changes nothing", async () => {
    const body = await seedChunk({ userId: "victim" });
    const token = await mintToken("victim");
    const id = body.sessionId;
    const attempts: Array<[string, RequestInit]> = [
      ["/api/admin/sessions", {}],
      [`/api/admin/sessions?userId=victim`, {}],
      [`/api/admin/sessions/${id}`, {}],
      [`/api/admin/sessions/${id}`, { method: "DELETE" }],
      ["/api/admin/deletion-requests", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId: "victim" }) }],
      ["/api/admin/metrics", {}],
    ];
    for (const [path, init] of attempts) {
      const text = await expectError(await callAs(token, path, init), 403, "forbidden");
      expect(text).not.toContain(id);
    }
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", id)).toBe(1);
    expect(await sessionObjects(id)).toHaveLength(1);
    expect(await countRows("chunks", "session_id = ?", id)).toBe(1);
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
  const vars = { CF_ACCESS_TEAM_DOMAIN: team, CF_ACCESS_AUD: aud };
  const me = (assertion: string) => new Request(`${BASE}/api/admin/me`, { headers: { "Cf-Access-Jwt-Assertion": assertion } });
  // The team's certs URL is fixed and its key set is cached per isolate, so every test here uses one key.
  let key: Awaited<ReturnType<typeof makeSigningKey>>;
  beforeAll(async () => {
    key = await makeSigningKey("RS256", "access-1");
  });

  it("accepts a valid assertion as an admin identity and refuses a wrong audience, issuer or key", async () => {
    const other = await makeSigningKey("RS256", "access-1");
    const jwks = serveJwks({ [certs]: [key.jwk] });
    try {
      const good = await signWith(key, { sub: "u-123", email: "ops@example.com" }, { issuer: `https://${team}`, audience: aud });
      const res = await callWithEnv(vars, me(good));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ userId: "ops@example.com", isAdmin: true, via: "cf-access" });

      for (const bad of [
        await signWith(key, { sub: "u-123" }, { issuer: `https://${team}`, audience: "another-app" }),
        await signWith(key, { sub: "u-123" }, { issuer: "https://evil.cloudflareaccess.com", audience: aud }),
        await signWith(other, { sub: "u-123" }, { issuer: `https://${team}`, audience: aud }),
      ]) {
        await expectError(await callWithEnv(vars, me(bad)), 401, "invalid_token");
      }
    } finally {
      jwks.restore();
    }
  });

  it("accepts a valid assertion alongside a user's bearer token, and an admin token alongside a bad assertion", async () => {
    const jwks = serveJwks({ [certs]: [key.jwk] });
    try {
      const good = await signWith(key, { sub: "u-9", email: "ops2@example.com" }, { issuer: `https://${team}`, audience: aud });
      const withUser = new Request(`${BASE}/api/admin/me`, { headers: { "Cf-Access-Jwt-Assertion": good, Authorization: `Bearer ${await mintToken("plain")}` } });
      expect(await (await callWithEnv(vars, withUser)).json()).toMatchObject({ userId: "ops2@example.com", via: "cf-access" });
      const withAdmin = new Request(`${BASE}/api/admin/me`, { headers: { "Cf-Access-Jwt-Assertion": "garbage", Authorization: `Bearer ${await mintToken("root", { admin: true })}` } });
      expect(await (await callWithEnv(vars, withAdmin)).json()).toMatchObject({ userId: "root", via: "token" });
    } finally {
      jwks.restore();
    }
  });

  it("ignores the header when Access is not configured", async () => {
    const assertion = await signWith(key, { sub: "u-1" }, { issuer: `https://${team}`, audience: aud });
    await expectError(await callWithEnv({}, me(assertion)), 401, "missing_token");
  });

  it("refuses a configuration with only one of the two settings", async () => {
    await expectError(await callWithEnv({ CF_ACCESS_TEAM_DOMAIN: team }, me("x")), 500, "bad_config");
  });
});
