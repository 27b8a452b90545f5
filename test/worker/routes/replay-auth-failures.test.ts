import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { callAs, expectError } from "../../helpers/worker/http";
import { postUpload, sendUntilLimited, uploadBody } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";

/** The AUTH_FAILURE_LIMITER binding's budget per client IP and minute (wrangler.toml). */
const FAILURES_PER_MINUTE = 60;
const FORGED = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLW5vdC12YWxpZA";

const from = (ip: string) => ({ "CF-Connecting-IP": ip });

describe("failed authentication per client IP", () => {
  it("answers 429 with Retry-After past the budget, before looking at the token, for that IP only", async () => {
    const ip = "203.0.113.7";
    const limited = await sendUntilLimited(FAILURES_PER_MINUTE + 5, 401, (i) => postUpload(i % 2 ? FORGED : null, JSON.stringify(uploadBody()), from(ip)));
    await expectError(limited, 429, "too_many_auth_failures");

    // Before any token work: a valid token from that address waits too, and nothing is stored.
    const body = uploadBody();
    await expectError(await postUpload(await mintToken("honest"), JSON.stringify(body), from(ip)), 429, "too_many_auth_failures");
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);
    await expectError(await callAs(FORGED, "/api/replay/me", { method: "DELETE", headers: from(ip) }), 429, "too_many_auth_failures");

    // Another address is not affected: its bad token is a plain 401, its good one is stored.
    await expectError(await postUpload(FORGED, JSON.stringify(uploadBody()), from("198.51.100.9")), 401, "invalid_token");
    expect((await postUpload(await mintToken("honest"), JSON.stringify(uploadBody()), from("198.51.100.9"))).status).toBe(200);
  }, 60_000); // 60+ sequential requests: generous on a loaded 2-core machine

  it("does not count successful uploads against the address", async () => {
    const ip = "203.0.113.8";
    const token = await mintToken("busy-office");
    for (let i = 0; i < FAILURES_PER_MINUTE + 5; i++) {
      const res = await postUpload(token, "", from(ip));
      // 400 (empty body) is not an authentication failure.
      expect(res.status).toBe(400);
      await res.body?.cancel();
    }
    await expectError(await postUpload(null, JSON.stringify(uploadBody()), from(ip)), 401, "missing_token");
  }, 60_000);
});
