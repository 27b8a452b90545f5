import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeSigningKey, serveJwks, signWith } from "../../helpers/worker/jwks";
import { seedChunk } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";

const admin = () => mintToken("csrf-admin", { admin: true });

describe("CSRF guard on admin changes (requireJsonBody)", () => {
  it("refuses what a cross-site form can send: no body, form or text content types", async () => {
    const token = await admin();
    for (const init of [
      { method: "POST" },
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "x=1" },
      { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=b" }, body: "--b--" },
      { method: "POST", headers: { "Content-Type": "text/plain" }, body: '{"userId":"csrf-victim"}' },
    ]) {
      await expectError(await callAs(token, "/api/admin/ops/run-scheduled", init), 415, "json_required");
      await expectError(await callAs(token, "/api/admin/deletion-requests", init), 415, "json_required");
    }
    expect(await countRows("sessions", "user_id = ?", "csrf-victim")).toBe(0);
  });

  it("lets the same requests through as JSON", async () => {
    const token = await admin();
    const json = { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8" }, body: "{}" };
    expect((await callAs(token, "/api/admin/ops/run-scheduled", json)).status).toBe(200);
    const filed = await callAs(token, "/api/admin/deletion-requests", { ...json, body: JSON.stringify({ userId: "csrf-nobody" }) });
    expect(filed.status).toBe(202);
  });

  it("refuses changes a browser marks as cross-site, DELETE included, and keeps the session", async () => {
    const token = await admin();
    const { sessionId } = await seedChunk({ userId: "csrf-keep" });
    const crossSite: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "https://evil.example.com" },
      { Origin: "null" },
    ];
    for (const headers of crossSite) {
      await expectError(await callAs(token, `/api/admin/sessions/${sessionId}`, { method: "DELETE", headers }), 403, "cross_site_request");
      await expectError(
        await callAs(token, "/api/admin/ops/run-scheduled", { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: "{}" }),
        403,
        "cross_site_request",
      );
    }
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", sessionId)).toBe(1);
    // The admin UI's own requests pass.
    const own = await callAs(token, `/api/admin/sessions/${sessionId}`, { method: "DELETE", headers: { "Sec-Fetch-Site": "same-origin", Origin: BASE } });
    expect(own.status).toBe(200);
  });

  it("leaves reads alone", async () => {
    const res = await callAs(await admin(), "/api/admin/sessions", { headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example.com" } });
    expect(res.status).toBe(200);
  });

  it("stops the form post behind Cloudflare Access that used to run the scheduled work", async () => {
    const team = "csrf-team.cloudflareaccess.com";
    const key = await makeSigningKey("RS256", "csrf-access");
    const jwks = serveJwks({ [`https://${team}/cdn-cgi/access/certs`]: [key.jwk] });
    try {
      const vars = { CF_ACCESS_TEAM_DOMAIN: team, CF_ACCESS_AUD: "aud", REPLAY_ADMIN_USERS: "ops@example.com" };
      // What Access adds to a request the browser sends with its cookie, from a form on another site.
      const assertion = await signWith(key, { sub: "u-1", email: "ops@example.com" }, { issuer: `https://${team}`, audience: "aud" });
      const form = new Request(`${BASE}/api/admin/ops/run-scheduled`, {
        method: "POST",
        headers: {
          "Cf-Access-Jwt-Assertion": assertion,
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "https://evil.example.com",
          "Sec-Fetch-Site": "cross-site",
        },
        body: "",
      });
      await expectError(await callWithEnv(vars, form), 403, "cross_site_request");
      const formWithoutFetchMetadata = new Request(`${BASE}/api/admin/ops/run-scheduled`, {
        method: "POST",
        headers: { "Cf-Access-Jwt-Assertion": assertion, "Content-Type": "application/x-www-form-urlencoded" },
        body: "",
      });
      await expectError(await callWithEnv(vars, formWithoutFetchMetadata), 415, "json_required");
    } finally {
      jwks.restore();
    }
  });
});
