import { describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, base64url, type JWK } from "jose";
import { mintToken } from "../../helpers/tokens";
import { TEST_VARS } from "../../helpers/test-vars";
import { ALLOWED_ORIGIN, BASE, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeSigningKey, serveJwks, signWith } from "../../helpers/worker/jwks";
import { postUpload, uploadBody } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";
import { ADMIN_TOKEN_MAX_LIFETIME_SECONDS, CLOCK_TOLERANCE_SECONDS } from "../../../worker/auth/verify-token";

const SECRET = new TextEncoder().encode(TEST_VARS.REPLAY_JWT_SECRET);
const ADMIN_SECRET = new TextEncoder().encode(TEST_VARS.REPLAY_ADMIN_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);

/** Uploads a valid body with `token`; the session must stay unstored whenever the token is refused. */
async function uploadWith(token: string | null, headers: Record<string, string> = {}) {
  const body = uploadBody();
  const res = await postUpload(token, JSON.stringify(body), headers);
  return { res, sessionId: body.sessionId };
}

async function expectRefused(token: string | null, code: string, headers: Record<string, string> = {}) {
  const { res, sessionId } = await uploadWith(token, headers);
  const text = await expectError(res, 401, code);
  if (token) expect(text).not.toContain(token);
  expect(text).not.toContain(TEST_VARS.REPLAY_JWT_SECRET);
  expect(await countRows("sessions", "id = ?", sessionId)).toBe(0);
}

/** An upload request for `callWithEnv` (config variants), as the recorder sends it. */
const uploadRequest = (token: string) =>
  new Request(`${BASE}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Origin: ALLOWED_ORIGIN },
    body: JSON.stringify(uploadBody()),
  });
const adminMe = (token: string) => new Request(`${BASE}/api/admin/me`, { headers: { Authorization: `Bearer ${token}` } });

/** An HS256 token with exactly these claims (times in seconds). */
const signed = (claims: Record<string, unknown>, secret = SECRET) => new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(secret);

describe("recording tokens: HS256 with REPLAY_JWT_SECRET", () => {
  it("accepts a valid token", async () => {
    const { res } = await uploadWith(await mintToken("alice"));
    expect(res.status).toBe(200);
  });

  it("refuses a request without a token", async () => {
    await expectRefused(null, "missing_token");
  });

  it("refuses a malformed Authorization header", async () => {
    await expectRefused(null, "missing_token", { Authorization: "Basic YWxpY2U6cHc=" });
    await expectRefused(null, "missing_token", { Authorization: "Bearer" });
  });

  it('refuses alg "none"', async () => {
    const token = new UnsecuredJWT({ sub: "alice", role: "admin" }).setExpirationTime(now() + 600).encode();
    await expectRefused(token, "invalid_token");
    // The same with a signature part that is not empty.
    await expectRefused(`${token}${base64url.encode("x")}`, "invalid_token");
  });

  it("refuses a token signed with another secret", async () => {
    await expectRefused(await mintToken("alice", { secret: "some-other-secret-that-is-long-enough-1234" }), "invalid_token");
  });

  it("refuses a tampered payload", async () => {
    const [h, , s] = (await mintToken("alice")).split(".");
    const forged = base64url.encode(JSON.stringify({ sub: "bob", exp: now() + 600 }));
    await expectRefused(`${h}.${forged}.${s}`, "invalid_token");
  });

  it("refuses an RS256 token from a key the deployment does not trust", async () => {
    const key = await makeSigningKey("RS256", "untrusted");
    await expectRefused(await signWith(key, { sub: "alice", role: "admin" }), "invalid_token");
  });

  it("refuses HS512 even with the right secret (explicit allow-list)", async () => {
    const token = await new SignJWT({ sub: "alice" })
      .setProtectedHeader({ alg: "HS512" })
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode(TEST_VARS.REPLAY_JWT_SECRET.padEnd(64, "x")));
    await expectRefused(token, "invalid_token");
  });

  it("refuses an expired token", async () => {
    await expectRefused(await signed({ sub: "alice", exp: now() - 120 }), "token_expired");
  });

  it("refuses a token without exp", async () => {
    await expectRefused(await signed({ sub: "alice", iat: now() }), "invalid_token");
  });

  it("refuses a token without sub, or with an empty or non-string sub", async () => {
    await expectRefused(await signed({ exp: now() + 600 }), "invalid_token");
    await expectRefused(await signed({ sub: "", exp: now() + 600 }), "invalid_token");
    await expectRefused(await signed({ sub: 42, exp: now() + 600 }), "invalid_token");
  });

  it("refuses a token not yet valid (nbf in the future)", async () => {
    await expectRefused(await signed({ sub: "alice", nbf: now() + 3600, exp: now() + 7200 }), "invalid_token");
  });

  it("refuses garbage", async () => {
    await expectRefused("not.a.jwt", "invalid_token");
    await expectRefused("abc", "invalid_token");
  });

  it("sets no maximum lifetime: the host app decides how long its recording tokens live", async () => {
    const { res } = await uploadWith(await signed({ sub: "alice", iat: now(), exp: now() + 30 * 86_400 }));
    expect(res.status).toBe(200);
  });
});

describe(`clock tolerance (${CLOCK_TOLERANCE_SECONDS} s) on every kind of token`, () => {
  it("is a small, named number of seconds", () => {
    expect(CLOCK_TOLERANCE_SECONDS).toBeGreaterThan(0);
    expect(CLOCK_TOLERANCE_SECONDS).toBeLessThanOrEqual(60);
  });

  it("accepts a recording token that expired or starts within the tolerance, and refuses one beyond it", async () => {
    const within = CLOCK_TOLERANCE_SECONDS - 10;
    const beyond = CLOCK_TOLERANCE_SECONDS + 15;
    expect((await uploadWith(await signed({ sub: "skewed", exp: now() - within }))).res.status).toBe(200);
    expect((await uploadWith(await signed({ sub: "skewed", nbf: now() + within, exp: now() + 600 }))).res.status).toBe(200);
    await expectRefused(await signed({ sub: "skewed", exp: now() - beyond }), "token_expired");
    await expectRefused(await signed({ sub: "skewed", nbf: now() + beyond, exp: now() + 600 }), "invalid_token");
  });

  it("accepts an admin token that expired within the tolerance, and refuses one beyond it", async () => {
    expect(
      (await callAs(await signed({ sub: "root", role: "admin", exp: now() - (CLOCK_TOLERANCE_SECONDS - 10) }, ADMIN_SECRET), "/api/admin/me")).status,
    ).toBe(200);
    await expectError(
      await callAs(await signed({ sub: "root", role: "admin", exp: now() - (CLOCK_TOLERANCE_SECONDS + 15) }, ADMIN_SECRET), "/api/admin/me"),
      401,
      "token_expired",
    );
  });
});

describe(`admin tokens live at most ${ADMIN_TOKEN_MAX_LIFETIME_SECONDS / 3600} h`, () => {
  const MAX = ADMIN_TOKEN_MAX_LIFETIME_SECONDS;
  const asAdmin = async (claims: Record<string, unknown>) => callAs(await signed({ sub: "root", role: "admin", ...claims }, ADMIN_SECRET), "/api/admin/me");

  it("accepts exactly the maximum and refuses a second more (exp − iat)", async () => {
    const iat = now() - 60;
    expect((await asAdmin({ iat, exp: iat + MAX })).status).toBe(200);
    await expectError(await asAdmin({ iat, exp: iat + MAX + 1 }), 401, "invalid_token");
    // An old iat does not help: a week-long token is refused even on its last day.
    await expectError(await asAdmin({ iat: now() - 6 * 86_400, exp: now() + 3600 }), 401, "invalid_token");
  });

  it("without iat, or with iat in the future, counts from now", async () => {
    expect((await asAdmin({ exp: now() + MAX - 60 })).status).toBe(200);
    await expectError(await asAdmin({ exp: now() + MAX + CLOCK_TOLERANCE_SECONDS + 60 }), 401, "invalid_token");
    // iat pushed ahead so that exp − iat looks short, while the token works for 25 h from now.
    await expectError(await asAdmin({ iat: now() + 3 * 3600, exp: now() + 25 * 3600 }), 401, "invalid_token");
    expect((await asAdmin({ iat: now() + 10, exp: now() + 3600 })).status).toBe(200);
  });
});

describe("issuer and audience (REPLAY_JWT_ISSUER / REPLAY_JWT_AUDIENCE) on recording tokens", () => {
  const vars = { REPLAY_JWT_ISSUER: "https://idp.example.com", REPLAY_JWT_AUDIENCE: "replay" };

  it("accepts matching iss and aud", async () => {
    const token = await mintToken("alice", { claims: { iss: vars.REPLAY_JWT_ISSUER, aud: vars.REPLAY_JWT_AUDIENCE } });
    expect((await callWithEnv(vars, uploadRequest(token))).status).toBe(200);
  });

  it("refuses a wrong or missing iss/aud", async () => {
    for (const claims of [{ iss: "https://evil.example.com", aud: "replay" }, { iss: vars.REPLAY_JWT_ISSUER, aud: "other" }, {}]) {
      await expectError(await callWithEnv(vars, uploadRequest(await mintToken("alice", { claims }))), 401, "invalid_token");
    }
  });

  it("does not apply them to admin tokens, which the identity provider does not mint", async () => {
    expect((await callWithEnv(vars, adminMe(await mintToken("root", { admin: true })))).status).toBe(200);
  });
});

/** Runs `body` while `url` serves `keys` (none: every fetch of a key set fails). */
async function withJwks(url: string, keys: JWK[] | null, body: (jwks: ReturnType<typeof serveJwks>) => Promise<void>) {
  const jwks = serveJwks(keys ? { [url]: keys } : {});
  try {
    await body(jwks);
  } finally {
    jwks.restore();
  }
}

describe("JWKS deployments (REPLAY_JWKS_URL)", () => {
  for (const alg of ["RS256", "ES256", "EdDSA"] as const) {
    it(`accepts a ${alg} recording token from a trusted key`, async () => {
      const key = await makeSigningKey(alg, `trusted-${alg}`);
      const url = `https://idp.example.com/${alg}/jwks.json`;
      await withJwks(url, [key.jwk], async (jwks) => {
        const res = await callWithEnv({ REPLAY_JWKS_URL: url, REPLAY_JWT_SECRET: undefined }, uploadRequest(await signWith(key, { sub: "alice" })));
        expect(res.status).toBe(200);
        expect(jwks.calls).toContain(url);
      });
    });
  }

  it("refuses a token signed by a key not in the JWKS, an HS256 token, and a token without exp", async () => {
    const trusted = await makeSigningKey("RS256", "k1");
    const stranger = await makeSigningKey("RS256", "k1"); // same kid, different key
    const url = "https://idp.example.com/refuse/jwks.json";
    await withJwks(url, [trusted.jwk], async () => {
      const vars = { REPLAY_JWKS_URL: url };
      await expectError(await callWithEnv(vars, uploadRequest(await signWith(stranger, { sub: "alice" }))), 401, "invalid_token");
      // The HS256 secret is not a key in a JWKS deployment.
      await expectError(await callWithEnv(vars, uploadRequest(await mintToken("alice"))), 401, "invalid_token");
      const noExp = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(trusted.privateKey);
      await expectError(await callWithEnv(vars, uploadRequest(noExp)), 401, "invalid_token");
      await expectError(await callWithEnv(vars, uploadRequest(await signWith(trusted, { sub: "alice" }, { ttlSeconds: -60 }))), 401, "token_expired");
    });
  });

  it("keeps admin tokens on the admin secret: a JWKS token never opens an admin route, whatever its roles", async () => {
    const key = await makeSigningKey("ES256", "idp-admin");
    const url = "https://idp.example.com/admin-claims/jwks.json";
    await withJwks(url, [key.jwk], async () => {
      const vars = { REPLAY_JWKS_URL: url, REPLAY_JWT_SECRET: undefined };
      for (const claims of [{ sub: "root", role: "admin" }, { sub: "root", roles: ["admin"] }, { sub: "listed-admin" }]) {
        await expectError(await callWithEnv(vars, adminMe(await signWith(key, claims))), 401, "invalid_token");
      }
      expect(await (await callWithEnv(vars, adminMe(await mintToken("root", { admin: true })))).json()).toMatchObject({ userId: "root", via: "token" });
    });
  });

  it("answers 503 (not 401) when the JWKS cannot be fetched, so clients retry instead of dropping data", async () => {
    const key = await makeSigningKey("ES256", "down");
    const url = "https://idp.example.com/down/jwks.json";
    // Every JWKS fetch fails with 404.
    await withJwks(url, null, async () => {
      await expectError(await callWithEnv({ REPLAY_JWKS_URL: url }, uploadRequest(await signWith(key, { sub: "alice" }))), 503, "auth_unavailable");
    });
  });
});

describe("tokens never leak", () => {
  it("does not echo the token on an admin route refusal", async () => {
    for (const token of [await mintToken("plain-user"), await mintToken("plain-admin-kind", { kind: "admin" })]) {
      const text = await (await callAs(token, "/api/admin/sessions")).text();
      expect(JSON.parse(text)).toHaveProperty("error.code");
      expect(text).not.toContain(token);
    }
  });
});
