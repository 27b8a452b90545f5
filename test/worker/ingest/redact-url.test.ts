import { describe, expect, it } from "vitest";
import { redactUrl } from "../../../worker/ingest/redact-url";

// The index keeps URLs by the recorder's policy (protocol/redact-url): the session list then shows
// the same string as the replay.
describe("redactUrl", () => {
  it("drops credentials, redacts values of parameters not allow-listed, and masks e-mails", () => {
    const out = redactUrl("https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section");
    expect(out).toBe("https://app.example.com/users/[email]/edit?token=redacted&page=2&empty=#section");
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain("abc");
  });

  it("redacts fragments that carry values", () => {
    expect(redactUrl("https://app.example.com/cb#access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456&tab=2")).toBe("https://app.example.com/cb#access_token=redacted&tab=2");
    expect(redactUrl("https://app.example.com/a#secret value!")).toBe("https://app.example.com/a#redacted");
  });

  it("keeps a URL the recorder redacted as it is", () => {
    const recorded = "https://shop.example.com/checkout?step=redacted&utm_source=news#/cart";
    expect(redactUrl(recorded)).toBe(recorded);
    const once = redactUrl("https://app.example.com/a?x=1#f");
    expect(redactUrl(once)).toBe(once);
  });

  it("handles strings that are not URLs", () => {
    expect(redactUrl("/relative/path?secret=1")).toBe("/relative/path?secret=redacted");
    expect(redactUrl("mail me@example.com")).toBe("mail [email]");
  });

  it("caps what the index keeps at 2048 characters", () => {
    expect(redactUrl(`https://app.example.com/${"a".repeat(5000)}`)).toHaveLength(2048);
  });
});
