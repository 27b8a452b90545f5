import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyRewrites, RRWEB_REWRITES } from "../../../scripts/rrweb-patch.mjs";

const DIST = readFileSync(new URL("../../../node_modules/rrweb/dist/rrweb.js", import.meta.url), "utf8");

describe("rrweb's rewrites (scripts/rrweb-patch.mjs)", () => {
  it("all apply to rrweb 2.2.2 as often as expected, and keep every line where it was (rrweb's source map, chained by esbuild, is by line)", () => {
    const patched = applyRewrites(DIST, RRWEB_REWRITES);
    expect(patched).not.toBe(DIST);
    expect(patched.split("\n").length).toBe(DIST.split("\n").length);
  });

  it("refuse a dist they no longer match (a new rrweb) rather than build without them", () => {
    const changed = DIST.replace("for (const childN of Array.from(src_default$2.childNodes(n))) {", "for (const child of src_default$2.childNodes(n)) {");
    expect(() => applyRewrites(changed, RRWEB_REWRITES)).toThrow(/expected 1/);
  });
});
