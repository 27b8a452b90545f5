import { env } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { mintSignInCode, mintToken } from "../../helpers/tokens";
import { TEST_VARS } from "../../helpers/test-vars";
import { call, callAs, expectError } from "../../helpers/worker/http";
import { ADMIN_TOKEN_MAX_LIFETIME_SECONDS } from "../../../worker/auth/verify-token";
import { SIGN_IN_CODE_MAX_TTL_MS } from "../../../worker/auth/sign-in-code";

const signIn = (code: unknown, headers: Record<string, string> = {}) =>
  call("/api/admin/sign-in", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ code }) });

const usedRows = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM used_sign_in_codes").first<{ n: number }>())?.n ?? 0;

describe("POST /api/admin/sign-in (single-use sign-in codes)", () => {
  it("exchanges a code for an admin token of at most 24 h that opens the admin API", async () => {
    const res = await signIn(await mintSignInCode("code-admin"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { token, expiresAt } = await res.json<{ token: string; expiresAt: number }>();
    const claims = decodeJwt(token);
    expect(claims.sub).toBe("code-admin");
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(ADMIN_TOKEN_MAX_LIFETIME_SECONDS);
    expect(expiresAt).toBe(claims.exp! * 1000);
    expect(await (await callAs(token, "/api/admin/me")).json()).toEqual({ userId: "code-admin", isAdmin: true, via: "token" });
    // It is an admin token, so the recording API refuses it.
    await expectError(await callAs(token, "/api/replay/me", { method: "DELETE" }), 401, "invalid_token");
  });

  it("works once: a second exchange gets 401 sign_in_code_used", async () => {
    const code = await mintSignInCode("once");
    expect((await signIn(code)).status).toBe(200);
    const text = await expectError(await signIn(code), 401, "sign_in_code_used");
    expect(JSON.parse(text).error.message).toMatch(/already used/);
  });

  it("lets exactly one of two racing exchanges of a code win", async () => {
    const code = await mintSignInCode("racer");
    const statuses = (await Promise.all([signIn(code), signIn(code), signIn(code)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
  });

  it("refuses an expired code, and one valid for longer than the maximum", async () => {
    await expectError(await signIn(await mintSignInCode("late", { ttlMs: -120_000 })), 401, "sign_in_code_expired");
    await expectError(await signIn(await mintSignInCode("greedy", { ttlMs: SIGN_IN_CODE_MAX_TTL_MS + 5 * 60_000 })), 401, "invalid_sign_in_code");
    expect((await signIn(await mintSignInCode("in-time", { ttlMs: SIGN_IN_CODE_MAX_TTL_MS }))).status).toBe(200);
  });

  it("refuses codes signed with another secret (the recording secret included), altered, or malformed", async () => {
    await expectError(await signIn(await mintSignInCode("forger", { secret: TEST_VARS.REPLAY_JWT_SECRET })), 401, "invalid_sign_in_code");
    const [payload, sig] = (await mintSignInCode("alice")).split(".");
    const forged = btoa(JSON.stringify({ id: "A".repeat(22), sub: "mallory", exp: Date.now() + 60_000 })).replace(/=+$/, "");
    await expectError(await signIn(`${forged}.${sig}`), 401, "invalid_sign_in_code");
    const altered = sig.slice(0, 5) + (sig[5] === "A" ? "B" : "A") + sig.slice(6);
    await expectError(await signIn(`${payload}.${altered}`), 401, "invalid_sign_in_code");
    for (const garbage of ["", "abc", `${payload}`, `${payload}.${sig}.x`]) {
      const res = await signIn(garbage);
      expect([400, 401]).toContain(res.status);
    }
    await expectError(await call("/api/admin/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }), 400, "bad_request");
  });

  it("does not take the code as a bearer token, nor an admin token as a code", async () => {
    const code = await mintSignInCode("bearer");
    await expectError(await callAs(code, "/api/admin/me"), 401, "invalid_token");
    await expectError(await signIn(await mintToken("root", { admin: true })), 401, "invalid_sign_in_code");
  });

  it("is guarded like every admin change: JSON only, same origin only", async () => {
    const code = await mintSignInCode("csrf");
    const form = await call("/api/admin/sign-in", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `code=${code}` });
    await expectError(form, 415, "json_required");
    await expectError(await signIn(code, { "Sec-Fetch-Site": "cross-site" }), 403, "cross_site_request");
    // The refused attempts did not use the code up.
    expect((await signIn(code)).status).toBe(200);
  });

  it("forgets used codes once they have expired", async () => {
    await env.DB.prepare("INSERT INTO used_sign_in_codes (id, used_at, expires_at) VALUES (?, ?, ?)")
      .bind("stale-code-id-000000000", 1, Date.now() - 3_600_000)
      .run();
    const before = await usedRows();
    expect((await signIn(await mintSignInCode("pruner"))).status).toBe(200);
    expect(await usedRows()).toBe(before); // one added, the stale one gone
    expect(await env.DB.prepare("SELECT id FROM used_sign_in_codes WHERE id = ?").bind("stale-code-id-000000000").first()).toBeNull();
  });
});
