import { describe, expect, it } from "vitest";
import { maskText, maskValue } from "../../../../recorder/privacy/mask.ts";

describe("mask", () => {
  it("masks text but keeps its whitespace, so the replay's layout holds", () => {
    expect(maskText("Jane  Doe\n42 Main St")).toBe("****  ***\n** **** **");
  });

  it("masks a form value to one length whatever it was, so the length tells no answer apart", () => {
    expect(maskValue("no")).toBe("********");
    expect(maskValue("yes")).toBe(maskValue("no"));
    expect(maskValue("x".repeat(100))).toBe("********");
    expect(maskValue("")).toBe("");
  });
});
