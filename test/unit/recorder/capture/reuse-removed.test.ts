import { describe, expect, it } from "vitest";
import { positionFree } from "../../../../recorder/capture/reuse-removed.ts";
import { BLOCK_SELECTORS, IGNORE_SELECTORS, MASK_SELECTORS } from "../../../../recorder/privacy/markers.ts";

describe("positionFree", () => {
  it("holds for the built-in markers (kept subtrees are on by default)", () => {
    expect(positionFree([...MASK_SELECTORS, ...BLOCK_SELECTORS, ...IGNORE_SELECTORS])).toBe(true);
    expect(positionFree(["#account .email", "[data-pii] span", "table.users > tbody td"])).toBe(true);
  });

  it("does not hold when a selector looks at an element's place or siblings", () => {
    for (const s of ["tr:first-child", "li:nth-child(2n)", "td:last-of-type", "p:only-child", "h2 + p", "h2 ~ p", "div:has(> .secret)", "LI:NTH-CHILD(1)"]) {
      expect(positionFree([".ok", s]), s).toBe(false);
    }
  });
});
