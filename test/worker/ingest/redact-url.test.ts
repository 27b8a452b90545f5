import { describe, expect, it } from "vitest";
import { redactUrl } from "../../../worker/ingest/redact-url";

// The index keeps URLs by the recorder's policy (protocol/redact-url): the session list then shows
// the same string as the replay.
describe("redactUrl", () => {
  it.each([
    [
      "credentials, values of parameters not allow-listed, e-mails",
      "https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section",
      "https://app.example.com/users/[email]/edit?token=redacted&page=2&empty=#section",
    ],
    [
      "a fragment carrying values",
      "https://app.example.com/cb#access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456&tab=2",
      "https://app.example.com/cb#access_token=redacted&tab=2",
    ],
    ["a fragment that is not a plain anchor", "https://app.example.com/a#secret value!", "https://app.example.com/a#redacted"],
    ["a relative URL", "/relative/path?secret=1", "/relative/path?secret=redacted"],
    ["text that is not a URL", "mail me@example.com", "mail [email]"],
  ])("redacts %s", (_why, raw, expected) => {
    expect(redactUrl(raw)).toBe(expected);
  });

  it("keeps a URL the recorder redacted as it is", () => {
    const recorded = "https://shop.example.com/checkout?step=redacted&utm_source=news#/cart";
    expect(redactUrl(recorded)).toBe(recorded);
    const once = redactUrl("https://app.example.com/a?x=1#f");
    expect(redactUrl(once)).toBe(once);
  });

  it("caps what the index keeps at 2048 characters", () => {
    expect(redactUrl(`https://app.example.com/${"a".repeat(5000)}`)).toHaveLength(2048);
  });
});
