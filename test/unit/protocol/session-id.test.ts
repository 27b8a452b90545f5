import { describe, expect, it } from "vitest";
import { isSessionId } from "../../../protocol/session-id.ts";

describe("isSessionId", () => {
  it("accepts any 8-4-4-4-12 lower-case hex id, v4 UUIDs and others", () => {
    expect(isSessionId("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).toBe(true);
    expect(isSessionId("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(isSessionId(crypto.randomUUID())).toBe(true);
  });

  it("refuses other spellings and other values", () => {
    for (const v of [
      "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
      "3f2504e04f8941d39a0c0305e82c3301",
      "------------------------------------",
      "3f2504e0-4f89-41d3-9a0c-0305e82c3301\n",
      "not-a-uuid",
      "",
      42,
      null,
      undefined,
    ]) {
      expect(isSessionId(v)).toBe(false);
    }
  });
});
