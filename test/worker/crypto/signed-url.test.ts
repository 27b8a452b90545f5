import { describe, expect, it } from "vitest";
import { TEST_VARS } from "../../helpers/test-vars";
import { signChunk, signedChunkPath, verifyChunkSignature } from "../../../worker/crypto/signed-url";

const SECRET = TEST_VARS.REPLAY_SIGNING_SECRET;
const SESSION = "0b8f6a3c-2a4e-4c1f-9d2b-7e5a1c3d4f60";
const OTHER = "1c9a7b4d-3b5f-4d20-8e3c-8f6b2d4e5a71";
const NOW = 1_767_225_600_000;
const EXP = NOW + 300_000;

describe("signed chunk URLs (HMAC over method, session, seq, expiry)", () => {
  it("verifies its own signature before expiry", async () => {
    const { exp, sig } = await signChunk(SECRET, SESSION, 3, EXP);
    expect(exp).toBe(String(EXP));
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 3, exp, sig, NOW)).toBe(true);
  });

  it("binds every part: session, seq, expiry, method and secret", async () => {
    const { exp, sig } = await signChunk(SECRET, SESSION, 3, EXP);
    expect(await verifyChunkSignature(SECRET, "GET", OTHER, 3, exp, sig, NOW)).toBe(false);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 4, exp, sig, NOW)).toBe(false);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 3, String(EXP + 1), sig, NOW)).toBe(false);
    expect(await verifyChunkSignature(SECRET, "DELETE", SESSION, 3, exp, sig, NOW)).toBe(false);
    expect(await verifyChunkSignature(`${SECRET}x`, "GET", SESSION, 3, exp, sig, NOW)).toBe(false);
  });

  it("does not let seq and session run into each other (delimited canonical string)", async () => {
    // "…-4f60" + "13" must not equal "…-4f601" + "3".
    const { exp, sig } = await signChunk(SECRET, SESSION, 13, EXP);
    expect(await verifyChunkSignature(SECRET, "GET", `${SESSION}1`, 3, exp, sig, NOW)).toBe(false);
  });

  it("expires at exp", async () => {
    const { exp, sig } = await signChunk(SECRET, SESSION, 0, EXP);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, sig, EXP - 1)).toBe(true);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, sig, EXP)).toBe(false);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, sig, EXP + 1)).toBe(false);
  });

  it("refuses every other spelling of the same signature or expiry", async () => {
    const { exp, sig } = await signChunk(SECRET, SESSION, 0, EXP);
    // The last base64url character carries 2 unused bits: any other value there is an altered URL.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const ch of alphabet) {
      if (ch === sig.at(-1)) continue;
      expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, sig.slice(0, -1) + ch, NOW)).toBe(false);
    }
    for (const bad of [`${sig}=`, `${sig}A`, sig.slice(0, -1), sig.replace(/-/g, "+").replace(/_/g, "/"), "", " ".repeat(43)]) {
      expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, bad, NOW)).toBe(false);
    }
    for (const badExp of [`0${exp}`, `${exp}.0`, `+${exp}`, ` ${exp}`, "", "1e13"]) {
      expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, badExp, sig, NOW)).toBe(false);
    }
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, undefined, sig, NOW)).toBe(false);
    expect(await verifyChunkSignature(SECRET, "GET", SESSION, 0, exp, undefined, NOW)).toBe(false);
  });

  it("builds the path the chunk route serves", async () => {
    const path = await signedChunkPath(SECRET, SESSION, 7, EXP);
    expect(path).toMatch(new RegExp(`^/api/chunks/${SESSION}/7\\?exp=${EXP}&sig=[A-Za-z0-9_-]{43}$`));
  });
});
