import { describe, expect, it } from "vitest";
import { maskText, maskValue } from "../../../../recorder/privacy/mask.ts";

describe("mask", () => {
  it("masks text but keeps its whitespace, so the replay's layout holds", () => {
    expect(maskText("Jane  Doe\n42 Main St")).toBe("****  ***\n** **** **");
  });

  it("masks a form value to its length, capped so a long secret does not show its size", () => {
    expect(maskValue("hunter2")).toBe("*******");
    expect(maskValue("x".repeat(100))).toBe("*".repeat(24));
  });
});
