import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { ALLOWED_ORIGIN, BASE, call, callWithEnv, expectError } from "../../helpers/worker/http";
import { postUpload, uploadBody } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";

const preflight = (origin: string, path = "/api/replay/upload", method = "POST") =>
  call(path, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization, content-type, content-encoding" },
  });

describe("CORS on the recording API (REPLAY_ALLOWED_ORIGINS)", () => {
  it("answers a preflight from an allowed origin", async () => {
    const res = await preflight(ALLOWED_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    const allowed = (res.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase();
    for (const h of ["authorization", "content-type", "content-encoding"]) expect(allowed).toContain(h);
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    expect(res.headers.get("Vary")).toContain("Origin");
    // A preflight needs no token.
    expect(res.headers.get("Access-Control-Allow-Origin")).not.toBe("*");
  });

  it("refuses a preflight from another origin, in the error shape and without CORS headers", async () => {
    for (const origin of ["https://evil.example.com", "https://app.example.com.evil.com", "http://app.example.com", "null"]) {
      const res = await preflight(origin);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
      await expectError(res, 403, "origin_not_allowed");
    }
  });

  it("refuses an upload from another origin and stores nothing", async () => {
    const body = uploadBody();
    const res = await postUpload(await mintToken("cors-user"), JSON.stringify(body), { Origin: "https://evil.example.com" });
    await expectError(res, 403, "origin_not_allowed");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);
  });

  it("adds CORS headers to successes and to errors, so the recorder can read both", async () => {
    const ok = await postUpload(await mintToken("cors-user"), JSON.stringify(uploadBody()));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    const refused = await postUpload(null, JSON.stringify(uploadBody()));
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    await expectError(refused, 401, "missing_token");
  });

  it("exposes Retry-After to the page", async () => {
    const res = await preflight(ALLOWED_ORIGIN);
    expect(res.status).toBe(204);
    const ok = await postUpload(await mintToken("cors-user"), JSON.stringify(uploadBody()));
    expect((ok.headers.get("Access-Control-Expose-Headers") ?? "").toLowerCase()).toContain("retry-after");
  });

  it("allows the worker's own origin without listing it, and requests without Origin (non-browser clients)", async () => {
    const own = await postUpload(await mintToken("cors-user"), JSON.stringify(uploadBody()), { Origin: BASE });
    expect(own.status).toBe(200);
    expect(own.headers.get("Access-Control-Allow-Origin")).toBe(BASE);
    const headers = new Headers({ Authorization: `Bearer ${await mintToken("cors-user")}`, "Content-Type": "application/json" });
    const none = await call("/api/replay/upload", { method: "POST", headers, body: JSON.stringify(uploadBody()) });
    expect(none.status).toBe(200);
  });

  it("lets GET /api/replay/config be read by an allowed origin without a token", async () => {
    const res = await call("/api/replay/config", { headers: { Origin: ALLOWED_ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
  });

  it('allows any origin with "*" in dev, and only the worker\'s own origin when the list is empty', async () => {
    const request = (origin: string) =>
      new Request(`${BASE}/api/replay/upload`, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST" } });
    // Dev mode is on only on a loopback host.
    const star = await callWithEnv(
      { REPLAY_DEV: "true", REPLAY_ALLOWED_ORIGINS: "*" },
      new Request("http://localhost:8787/api/replay/upload", request("https://anything.example")),
    );
    expect(star.status).toBe(204);
    expect(star.headers.get("Access-Control-Allow-Origin")).toBe("https://anything.example");
    await expectError(await callWithEnv({ REPLAY_ALLOWED_ORIGINS: "" }, request(ALLOWED_ORIGIN)), 403, "origin_not_allowed");
    expect((await callWithEnv({ REPLAY_ALLOWED_ORIGINS: "" }, request(BASE))).status).toBe(204);
  });
});
