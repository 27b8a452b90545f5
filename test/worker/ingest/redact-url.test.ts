import { describe, expect, it } from "vitest";
import { redactUrl } from "../../../worker/ingest/redact-url";

describe("redactUrl", () => {
  it("drops credentials, query values and fragments, and masks e-mails", () => {
    const out = redactUrl("https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section");
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain("bob@example.com");
    expect(out).not.toContain("abc");
    expect(out).not.toContain("section");
    expect(out).toContain("token=[redacted]");
    expect(out.startsWith("https://app.example.com/users/")).toBe(true);
  });

  it("keeps an already redacted URL as it is", () => {
    const once = redactUrl("https://app.example.com/a?x=1#f");
    expect(redactUrl(once)).toBe(once);
  });

  it("handles strings that are not URLs", () => {
    expect(redactUrl("/relative/path?secret=1")).toBe("/relative/path");
    expect(redactUrl("mail me@example.com")).not.toContain("me@example.com");
  });
});
