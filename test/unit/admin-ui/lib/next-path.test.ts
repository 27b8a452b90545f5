import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../../../admin-ui/src/lib/next-path.ts";

describe("safeNextPath", () => {
  it("only returns to same-app paths after sign-in", () => {
    expect(safeNextPath("/sessions?user=a")).toBe("/sessions?user=a");
    for (const bad of ["//evil.test", "https://evil.test", "/\\evil.test", undefined, "/sign-in"]) expect(safeNextPath(bad)).toBe("/sessions");
  });
});
