import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_PARAMS, redactSrcset, redactUrl } from "../../../protocol/redact-url.ts";

const allowed = new Set(DEFAULT_ALLOWED_PARAMS);

describe("redactUrl (the one policy of recorder and worker)", () => {
  it("replaces query and fragment values unless allow-listed", () => {
    expect(redactUrl("https://a.example/p?email=x%40y.com&page=2&utm_source=news#access_token=abc", allowed)).toBe("https://a.example/p?email=redacted&page=2&utm_source=news#access_token=redacted");
  });

  it("uses the default allow-list when given none (as the worker does)", () => {
    expect(redactUrl("https://shop.example.com/checkout?step=1&tab=cart&lang=de")).toBe("https://shop.example.com/checkout?step=redacted&tab=cart&lang=de");
  });

  it("keeps a host's own allow-listed parameters, pattern-redacted", () => {
    const mine = new Set([...DEFAULT_ALLOWED_PARAMS, "q"]);
    expect(redactUrl("/search?q=shoes&token=abc", mine)).toBe("/search?q=shoes&token=redacted");
    expect(redactUrl("/search?q=jane%40example.com", mine)).toBe("/search?q=%5Bemail%5D");
  });

  it("drops credentials and redacts personal data in the path", () => {
    expect(redactUrl("https://user:pw@a.example/users/jane%40example.com/edit", allowed)).toBe("https://a.example/users/[email]/edit");
    const out = redactUrl("https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section", allowed);
    expect(out).toBe("https://app.example.com/users/[email]/edit?token=redacted&page=2&empty=#section");
  });

  it("keeps plain anchors and hash routes, redacts other fragments", () => {
    expect(redactUrl("/docs#section-2", allowed)).toBe("/docs#section-2");
    expect(redactUrl("/app#/orders/42", allowed)).toBe("/app#/orders/42");
    expect(redactUrl("/app#secret value!", allowed)).toBe("/app#redacted");
    expect(redactUrl("/app#/orders?id=42&tab=2", allowed)).toBe("/app#/orders?id=redacted&tab=2");
  });

  it("reduces data:, mailto: and bare query values", () => {
    expect(redactUrl("data:image/png;base64,AAAA", allowed)).toBe("data:");
    expect(redactUrl("mailto:jane@example.com", allowed)).toBe("mailto:redacted");
    expect(redactUrl("/p?abc123secret", allowed)).toBe("/p?redacted");
  });

  it("handles strings that are not URLs", () => {
    expect(redactUrl("/relative/path?secret=1", allowed)).toBe("/relative/path?secret=redacted");
    expect(redactUrl("mail me@example.com", allowed)).toBe("mail [email]");
    expect(redactUrl("", allowed)).toBe("");
  });

  it.each([
    "https://bob:pw@a.example/u/bob@example.com?email=x%40y.com&page=2&q=a+b#access_token=abc",
    "https://a.example/p?page=%E0%A4%A&utm_source=jane%40example.com",
    "/app#/orders/42?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456",
    "/p?abc123&&=x&page=",
    "tel:+14155550143",
    "  https://a.example/x?tab=1  ",
  ])("is idempotent, so the worker's second pass keeps the recorder's string: %s", (raw) => {
    const once = redactUrl(raw, allowed);
    expect(redactUrl(once, allowed)).toBe(once);
  });

  it("redacts each srcset entry", () => {
    expect(redactSrcset("/a.png?t=1 1x, /b.png?page=3 2x", allowed)).toBe("/a.png?t=redacted 1x, /b.png?page=3 2x");
  });
});
