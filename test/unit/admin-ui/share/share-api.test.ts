import { describe, expect, it } from "vitest";
import { tokenFromPath, urlsExpireAt } from "../../../../admin-ui/src/share/share-api.ts";

describe("share page helpers", () => {
  it("reads the token from /share/<token> and nothing from other paths", () => {
    const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    expect(tokenFromPath(`/share/${token}`)).toBe(token);
    expect(tokenFromPath(`/share/${token}/`)).toBe(token);
    expect(tokenFromPath("/share/")).toBe("");
    expect(tokenFromPath("/share")).toBe("");
    expect(tokenFromPath(`/share/${token}/more`)).toBe("");
  });

  it("takes the earliest expiry the chunk URLs' signatures carry", () => {
    const url = (exp: number) => `https://replay.test/api/chunks/s/0?exp=${exp}&sig=x`;
    expect(urlsExpireAt([{ url: url(2_000) }, { url: url(1_000) }])).toBe(1_000);
    expect(urlsExpireAt([{ url: "/api/chunks/s/0?sig=x" }])).toBeUndefined();
    expect(urlsExpireAt([])).toBeUndefined();
  });
});
