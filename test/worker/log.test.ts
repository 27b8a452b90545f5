import { describe, expect, it } from "vitest";
import { loggablePath } from "../../worker/log";

describe("loggablePath", () => {
  it("replaces a share token in a page or API path, and leaves other paths alone", () => {
    const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    expect(loggablePath(`/share/${token}`)).toBe("/share/:token");
    expect(loggablePath(`/api/share/${token}`)).toBe("/api/share/:token");
    expect(loggablePath(`/api/share/${token}/extra`)).toBe("/api/share/:token/extra");
    expect(loggablePath("/api/admin/sessions/1")).toBe("/api/admin/sessions/1");
  });
});
