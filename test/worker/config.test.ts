import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { mintToken } from "./../helpers/tokens";
import { TEST_SECRETS } from "../helpers/test-vars";
import { BASE, callWithEnv, emptyUploadWithEnv, expectError } from "../helpers/worker/http";
import { readConfig } from "../../worker/config";

const PROD_JWT = "prod-jwt-secret-0123456789abcdef0123456789";
const PROD_ADMIN_JWT = "prod-admin-jwt-secret-0123456789abcdef0123";
const PROD_SIGNING = "prod-signing-secret-0123456789abcdef012345";
/** A production-like deployment: no REPLAY_DEV, real-looking secrets, listed origins. */
const PROD = { REPLAY_DEV: undefined, REPLAY_JWT_SECRET: PROD_JWT, REPLAY_ADMIN_JWT_SECRET: PROD_ADMIN_JWT, REPLAY_SIGNING_SECRET: PROD_SIGNING };
/** What `npm start` writes into .dev.vars: dev mode and dev-only secrets. */
const DEV = {
  REPLAY_DEV: "true",
  REPLAY_JWT_SECRET: "dev-insecure-jwt-secret-0123456789abcdefghij",
  REPLAY_ADMIN_JWT_SECRET: "dev-insecure-admin-jwt-secret-0123456789abc",
  REPLAY_SIGNING_SECRET: "dev-insecure-signing-secret-0123456789abcdef",
  REPLAY_ALLOWED_ORIGINS: "*",
};
const SECRETS = [...TEST_SECRETS, PROD_JWT, PROD_ADMIN_JWT, PROD_SIGNING, ...Object.values(DEV)].filter((v) => v.length > 8);

/** Where `npm start` serves the worker: a loopback host, the only kind dev mode works on. */
const LOCAL = "http://localhost:8787";
const configRequest = (origin = BASE) => new Request(`${origin}/api/replay/config`);

/** Asserts a configuration is answered 500 bad_config at the first request, with no secret in the body. */
async function expectBadConfig(overrides: Record<string, string | undefined>, mentions: string, origin = BASE) {
  const res = await callWithEnv(overrides, configRequest(origin));
  const text = await expectError(res, 500, "bad_config");
  expect(JSON.parse(text).error.message).toContain(mentions);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("configuration (contract §1)", () => {
  it("serves defaults when optional settings are unset", async () => {
    const res = await callWithEnv(
      {
        REPLAY_ENABLED: undefined,
        REPLAY_RETENTION_DAYS: undefined,
        REPLAY_WINDOW_MINUTES: undefined,
        REPLAY_PRIVATE_SELECTORS: undefined,
        REPLAY_SIGNED_URL_TTL_SECONDS: undefined,
      },
      configRequest(),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: true, privateSelectors: [], windowMinutes: 10 });
    const config = readConfig({ ...env, REPLAY_RETENTION_DAYS: "", REPLAY_SIGNED_URL_TTL_SECONDS: "" });
    expect([config.retentionDays, config.signedUrlTtlSeconds]).toEqual([14, 300]);
  });

  it("treats an empty REPLAY_ENABLED as the default (true)", async () => {
    expect(readConfig({ ...env, REPLAY_ENABLED: "" }).enabled).toBe(true);
  });

  it("reads selectors, window and retention", async () => {
    const res = await callWithEnv({ REPLAY_PRIVATE_SELECTORS: " .ssn, #card ,[data-pii] ", REPLAY_WINDOW_MINUTES: "5" }, configRequest());
    expect(await res.json()).toMatchObject({ enabled: true, privateSelectors: [".ssn", "#card", "[data-pii]"], windowMinutes: 5 });
    expect(readConfig({ ...env, REPLAY_RETENTION_DAYS: "365" }).retentionDays).toBe(365);
    expect(readConfig({ ...env, REPLAY_RETENTION_DAYS: "1" }).retentionDays).toBe(1);
  });

  it("accepts a production configuration", async () => {
    expect((await callWithEnv(PROD, configRequest())).status).toBe(200);
  });

  it("answers bad retention with bad_config", async () => {
    for (const v of ["0", "abc", "366", "-1", "1.5", "14 days"]) await expectBadConfig({ REPLAY_RETENTION_DAYS: v }, "REPLAY_RETENTION_DAYS");
  });

  it("answers a bad window, TTL or switch with bad_config", async () => {
    await expectBadConfig({ REPLAY_WINDOW_MINUTES: "0" }, "REPLAY_WINDOW_MINUTES");
    await expectBadConfig({ REPLAY_SIGNED_URL_TTL_SECONDS: "soon" }, "REPLAY_SIGNED_URL_TTL_SECONDS");
    await expectBadConfig({ REPLAY_ENABLED: "yes" }, "REPLAY_ENABLED");
  });

  it("answers a missing secret with bad_config instead of falling back", async () => {
    await expectBadConfig({ REPLAY_JWT_SECRET: undefined }, "REPLAY_JWT_SECRET");
    await expectBadConfig({ REPLAY_JWT_SECRET: "" }, "REPLAY_JWT_SECRET");
    await expectBadConfig({ REPLAY_SIGNING_SECRET: undefined }, "REPLAY_SIGNING_SECRET");
    await expectBadConfig({ REPLAY_MASTER_KEY: undefined }, "REPLAY_MASTER_KEY");
    await expectBadConfig({ ...PROD, REPLAY_JWT_SECRET: "short" }, "REPLAY_JWT_SECRET");
  });

  it("refuses a dev secret outside dev", async () => {
    await expectBadConfig({ ...DEV, REPLAY_DEV: undefined, REPLAY_ALLOWED_ORIGINS: undefined }, "dev-only");
    await expectBadConfig({ ...PROD, REPLAY_SIGNING_SECRET: DEV.REPLAY_SIGNING_SECRET }, "REPLAY_SIGNING_SECRET");
    await expectBadConfig({ ...PROD, REPLAY_DEV: "false", REPLAY_JWT_SECRET: DEV.REPLAY_JWT_SECRET }, "REPLAY_JWT_SECRET");
    await expectBadConfig({ ...PROD, REPLAY_ADMIN_JWT_SECRET: DEV.REPLAY_ADMIN_JWT_SECRET }, "REPLAY_ADMIN_JWT_SECRET");
  });

  it("requires REPLAY_ADMIN_JWT_SECRET, JWKS deployments included, and refuses it equal to REPLAY_JWT_SECRET", async () => {
    await expectBadConfig({ REPLAY_ADMIN_JWT_SECRET: undefined }, "REPLAY_ADMIN_JWT_SECRET");
    await expectBadConfig({ REPLAY_ADMIN_JWT_SECRET: "" }, "REPLAY_ADMIN_JWT_SECRET");
    await expectBadConfig({ REPLAY_ADMIN_JWT_SECRET: "short" }, "REPLAY_ADMIN_JWT_SECRET");
    await expectBadConfig(
      { REPLAY_JWKS_URL: "https://idp.example.com/jwks.json", REPLAY_JWT_SECRET: undefined, REPLAY_ADMIN_JWT_SECRET: undefined },
      "REPLAY_ADMIN_JWT_SECRET",
    );
    await expectBadConfig({ ...PROD, REPLAY_ADMIN_JWT_SECRET: PROD_JWT }, "must differ from REPLAY_JWT_SECRET");
    await expectBadConfig({ ...DEV, REPLAY_ADMIN_JWT_SECRET: DEV.REPLAY_JWT_SECRET }, "must differ from REPLAY_JWT_SECRET", LOCAL);
    const config = readConfig({ ...env, ...PROD });
    expect(new TextDecoder().decode(config.adminTokens.secret)).toBe(PROD_ADMIN_JWT);
  });

  it('refuses "*" origins outside dev, and things that are not origins', async () => {
    await expectBadConfig({ ...PROD, REPLAY_ALLOWED_ORIGINS: "*" }, "REPLAY_ALLOWED_ORIGINS");
    await expectBadConfig({ ...PROD, REPLAY_ALLOWED_ORIGINS: "https://a.example.com, *" }, "REPLAY_ALLOWED_ORIGINS");
    await expectBadConfig({ REPLAY_ALLOWED_ORIGINS: "app.example.com" }, "REPLAY_ALLOWED_ORIGINS");
    await expectBadConfig({ REPLAY_ALLOWED_ORIGINS: "https://app.example.com/path" }, "REPLAY_ALLOWED_ORIGINS");
    expect((await callWithEnv(DEV, configRequest(LOCAL))).status).toBe(200);
  });

  it("refuses a plain-http JWKS URL outside dev", async () => {
    await expectBadConfig({ ...PROD, REPLAY_JWKS_URL: "http://idp.example.com/jwks.json" }, "REPLAY_JWKS_URL");
  });

  it("fails every API route, not only the config route, and authenticated ones before auth", async () => {
    const token = await mintToken("root", { admin: true });
    const res = await callWithEnv({ REPLAY_RETENTION_DAYS: "0" }, new Request(`${BASE}/api/admin/sessions`, { headers: { Authorization: `Bearer ${token}` } }));
    const text = await expectError(res, 500, "bad_config");
    expect(text).not.toContain(token);
    await expectError(await emptyUploadWithEnv({ REPLAY_RETENTION_DAYS: "abc" }), 500, "bad_config");
  });
});

describe("dev mode is fenced to loopback hosts (REPLAY_DEV)", () => {
  it("turns on dev secrets, any origin and the dev token route on localhost, 127.0.0.1 and [::1]", async () => {
    for (const origin of [LOCAL, "http://127.0.0.1:8787", "http://[::1]:8787", "http://localhost"]) {
      expect((await callWithEnv(DEV, configRequest(origin))).status).toBe(200);
      const res = await callWithEnv(DEV, new Request(`${origin}/api/dev/token?user=demo`));
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveProperty("token");
    }
  });

  it("answers every request to any other host 500 bad_config, pages included, and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const hosts = [
      BASE,
      "https://replay.example.com",
      "http://localhost.evil.example",
      "http://127.0.0.1.nip.io",
      "http://10.0.0.1:8787",
      "http://0.0.0.0:8787",
    ];
    for (const origin of hosts) {
      for (const path of ["/api/replay/config", "/api/dev/token", "/api/admin/sessions", "/admin/sessions", "/recorder.js", "/demo/"]) {
        // Production secrets do not make it usable either: the flag alone is refused.
        for (const vars of [DEV, { ...PROD, REPLAY_DEV: "true" }]) {
          const text = await expectError(await callWithEnv(vars, new Request(`${origin}${path}`)), 500, "bad_config");
          expect(JSON.parse(text).error.message).toContain("REPLAY_DEV");
          for (const secret of SECRETS) expect(text).not.toContain(secret);
        }
      }
    }
    expect(logged.mock.calls.some(([line]) => String(line).includes("bad configuration") && String(line).includes("REPLAY_DEV"))).toBe(true);
  });

  it("is off without REPLAY_DEV, on localhost too: dev secrets are refused and there is no dev token route", async () => {
    await expectBadConfig({ ...DEV, REPLAY_DEV: undefined, REPLAY_ALLOWED_ORIGINS: undefined }, "dev-only", LOCAL);
    await expectBadConfig({ ...PROD, REPLAY_ALLOWED_ORIGINS: "*" }, "REPLAY_ALLOWED_ORIGINS", LOCAL);
    await expectError(await callWithEnv(PROD, new Request(`${LOCAL}/api/dev/token`)), 404, "not_found");
    expect(readConfig({ ...env, ...PROD }, `${LOCAL}/api/replay/config`).dev).toBe(false);
  });

  it("is taken as set for the cron, which has no request: no outside caller reaches it", () => {
    expect(readConfig({ ...env, ...DEV }).dev).toBe(true);
    expect(readConfig({ ...env, ...DEV }, `${LOCAL}/`).dev).toBe(true);
    expect(() => readConfig({ ...env, ...DEV }, `${BASE}/`)).toThrow(/REPLAY_DEV/);
  });
});
