import { describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, base64url } from "jose";
import { mintToken } from "../../helpers/tokens";
import { TEST_VARS } from "../../helpers/test-vars";
import { BASE, call, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeSigningKey, serveJwks, signWith } from "../../helpers/worker/jwks";
import { postUpload, uploadBody } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";

const SECRET = new TextEncoder().encode(TEST_VARS.REPLAY_JWT_SECRET);
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

describe("HS256 tokens (REPLAY_JWT_SECRET)", () => {
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
    const token = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg: "HS512" }).setExpirationTime(now() + 600).sign(new TextEncoder().encode(TEST_VARS.REPLAY_JWT_SECRET.padEnd(64, "x")));
    await expectRefused(token, "invalid_token");
  });

  it("refuses an expired token", async () => {
    const token = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now() - 120).sign(SECRET);
    await expectRefused(token, "token_expired");
  });

  it("refuses a token without exp", async () => {
    const token = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(SECRET);
    await expectRefused(token, "invalid_token");
  });

  it("refuses a token without sub, or with an empty or non-string sub", async () => {
    await expectRefused(await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now() + 600).sign(SECRET), "invalid_token");
    await expectRefused(await new SignJWT({ sub: "" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now() + 600).sign(SECRET), "invalid_token");
    await expectRefused(await new SignJWT({ sub: 42 } as never).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now() + 600).sign(SECRET), "invalid_token");
  });

  it("refuses a token not yet valid (nbf in the future)", async () => {
    const token = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg: "HS256" }).setNotBefore(now() + 3600).setExpirationTime(now() + 7200).sign(SECRET);
    await expectRefused(token, "invalid_token");
  });

  it("refuses garbage", async () => {
    await expectRefused("not.a.jwt", "invalid_token");
    await expectRefused("abc", "invalid_token");
  });
});

describe("issuer and audience (REPLAY_JWT_ISSUER / REPLAY_JWT_AUDIENCE)", () => {
  const vars = { REPLAY_JWT_ISSUER: "https://idp.example.com", REPLAY_JWT_AUDIENCE: "replay" };
  const configReq = (token: string) => new Request(`${BASE}/api/admin/me`, { headers: { Authorization: `Bearer ${token}` } });

  it("accepts matching iss and aud", async () => {
    const token = await mintToken("root", { admin: true, claims: { iss: vars.REPLAY_JWT_ISSUER, aud: vars.REPLAY_JWT_AUDIENCE } });
    expect((await callWithEnv(vars, configReq(token))).status).toBe(200);
  });

  it("refuses a wrong or missing iss/aud", async () => {
    for (const claims of [{ iss: "https://evil.example.com", aud: "replay" }, { iss: vars.REPLAY_JWT_ISSUER, aud: "other" }, {}]) {
      const token = await mintToken("root", { admin: true, claims });
      await expectError(await callWithEnv(vars, configReq(token)), 401, "invalid_token");
    }
  });
});

describe("JWKS deployments (REPLAY_JWKS_URL)", () => {
  const adminMe = (token: string) => new Request(`${BASE}/api/admin/me`, { headers: { Authorization: `Bearer ${token}` } });

  for (const alg of ["RS256", "ES256", "EdDSA"] as const) {
    it(`accepts a ${alg} token from a trusted key`, async () => {
      const key = await makeSigningKey(alg, `trusted-${alg}`);
      const url = `https://idp.example.com/${alg}/jwks.json`;
      const jwks = serveJwks({ [url]: [key.jwk] });
      try {
        const res = await callWithEnv({ REPLAY_JWKS_URL: url, REPLAY_JWT_SECRET: undefined }, adminMe(await signWith(key, { sub: "root", roles: ["admin"] })));
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ userId: "root", isAdmin: true, via: "token" });
        expect(jwks.calls).toContain(url);
      } finally {
        jwks.restore();
      }
    });
  }

  it("refuses a token signed by a key not in the JWKS, an HS256 token, and a token without exp", async () => {
    const trusted = await makeSigningKey("RS256", "k1");
    const stranger = await makeSigningKey("RS256", "k1"); // same kid, different key
    const url = "https://idp.example.com/refuse/jwks.json";
    const jwks = serveJwks({ [url]: [trusted.jwk] });
    try {
      const vars = { REPLAY_JWKS_URL: url };
      await expectError(await callWithEnv(vars, adminMe(await signWith(stranger, { sub: "root", role: "admin" }))), 401, "invalid_token");
      // The HS256 secret is not a key in a JWKS deployment.
      await expectError(await callWithEnv(vars, adminMe(await mintToken("root", { admin: true }))), 401, "invalid_token");
      const noExp = await new SignJWT({ sub: "root", role: "admin" }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(trusted.privateKey);
      await expectError(await callWithEnv(vars, adminMe(noExp)), 401, "invalid_token");
      await expectError(await callWithEnv(vars, adminMe(await signWith(trusted, { sub: "root", role: "admin" }, { ttlSeconds: -60 }))), 401, "token_expired");
    } finally {
      jwks.restore();
    }
  });

  it("answers 503 (not 401) when the JWKS cannot be fetched, so clients retry instead of dropping data", async () => {
    const key = await makeSigningKey("ES256", "down");
    const url = "https://idp.example.com/down/jwks.json";
    const jwks = serveJwks({}); // every JWKS fetch fails with 404
    try {
      await expectError(await callWithEnv({ REPLAY_JWKS_URL: url }, adminMe(await signWith(key, { sub: "root", role: "admin" }))), 503, "auth_unavailable");
    } finally {
      jwks.restore();
    }
  });
});

describe("tokens never leak", () => {
  it("does not echo the token on an admin route refusal", async () => {
    const token = await mintToken("plain-user");
    const res = await call("/api/admin/sessions", { headers: { Authorization: `Bearer ${token}` } });
    const text = await expectError(res, 403, "forbidden");
    expect(text).not.toContain(token);
  });
});
