import { describe, expect, it } from "vitest";
import { redactUrl as redactByRecorderPolicy } from "../../../protocol/redact-url";
import { redactUrl } from "../../../worker/ingest/redact-url";

// The index keeps URLs by the recorder's policy (protocol/redact-url): the session list then shows
// the same string as the replay.
describe("redactUrl", () => {
  it.each([
    "https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section",
    "https://app.example.com/cb#access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456&tab=2",
    "https://app.example.com/a#secret value!",
    "/relative/path?secret=1",
    "mail me@example.com",
  ])("redacts %s as the recorder does", (raw) => {
    expect(redactUrl(raw)).not.toBe(raw);
    expect(redactUrl(raw)).toBe(redactByRecorderPolicy(raw));
  });

  it("drops the values a fragment carries", () => {
    expect(redactUrl("https://app.example.com/cb#access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456&tab=2")).toBe(
      "https://app.example.com/cb#access_token=redacted&tab=2",
    );
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
