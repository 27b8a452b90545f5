import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../../..", import.meta.url).pathname;
/** Secrets as an operator gives them to mint for a deployment (the script then leaves .dev.vars alone). */
const SECRETS = { REPLAY_JWT_SECRET: "unit-recording-secret-0123456789abcdefghij", REPLAY_ADMIN_JWT_SECRET: "unit-admin-secret-0123456789abcdefghijklmn" };
const key = (name: keyof typeof SECRETS) => new TextEncoder().encode(SECRETS[name]);

function token(...args: string[]) {
  return run(process.execPath, ["scripts/token.mjs", ...args], { cwd: ROOT, env: { ...process.env, ...SECRETS } });
}

describe("npm run token", () => {
  it("signs recording tokens with REPLAY_JWT_SECRET", async () => {
    const jwt = (await token("--user", "alice")).stdout.trim();
    expect((await jwtVerify(jwt, key("REPLAY_JWT_SECRET"))).payload).toMatchObject({ sub: "alice" });
    await expect(jwtVerify(jwt, key("REPLAY_ADMIN_JWT_SECRET"))).rejects.toThrow();
  });

  it("signs --admin tokens with REPLAY_ADMIN_JWT_SECRET, and refuses a lifetime over 24 h", async () => {
    const jwt = (await token("--admin", "--user", "ops", "--ttl", "86400")).stdout.trim();
    const { payload } = await jwtVerify(jwt, key("REPLAY_ADMIN_JWT_SECRET"));
    expect(payload).toMatchObject({ sub: "ops", role: "admin" });
    expect(payload.exp! - payload.iat!).toBe(86_400);
    await expect(jwtVerify(jwt, key("REPLAY_JWT_SECRET"))).rejects.toThrow();
    await expect(token("--admin", "--ttl", "86401")).rejects.toMatchObject({ code: 2 });
  });

  it("prints a sign-in link with a code, never a token", async () => {
    const link = (await token("--sign-in-code", "--url", "https://replay.example.com/")).stdout.trim();
    expect(link).toMatch(/^https:\/\/replay\.example\.com\/admin\/sign-in#code=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    // The code is not a JWT: nothing in the link opens the API by itself.
    expect(link.split("#code=")[1].split(".")).toHaveLength(2);
  });
});
