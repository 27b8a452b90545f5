import { describe, expect, it } from "vitest";
import { passesLuhn, redactText } from "../../../../recorder/privacy/patterns.ts";
import { DEFAULT_ALLOWED_PARAMS, redactSrcset, redactUrl } from "../../../../recorder/privacy/url.ts";
import { backoffDelay } from "../../../../recorder/transport/backoff.ts";
import { EventBuffer } from "../../../../recorder/buffer/event-buffer.ts";

const allowed = new Set(DEFAULT_ALLOWED_PARAMS);

describe("redactText", () => {
  it.each([
    ["Mail jane.doe+x@example.co.uk now", "Mail [email] now"],
    ["Call +1 (415) 555-0143", "Call [phone]"],
    ["Call (415) 555-0143 or 415-555-0199", "Call [phone] or [phone]"],
    ["Tel 030 1234567", "Tel [phone]"],
    ["Card 4111 1111 1111 1111 ok", "Card [card] ok"],
    ["Card 5555-5555-5555-4444", "Card [card]"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456", "jwt [secret]"],
    ["key sk_live_51HxYzAbCdEfGh12345678", "key [secret]"],
    ["aws AKIAIOSFODNN7EXAMPLE", "aws [secret]"],
    ["token a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8", "token [secret]"],
  ])("redacts %s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each(["Order 1234567890123456 shipped", "Due 2024-01-15 at 12:30", "Total: 1,204.50 EUR", "Welcome to Acme Dashboard", "Version 2.2.2 build 20240115"])("keeps benign %s", (input) => {
    expect(redactText(input)).toBe(input);
  });

  it("checks Luhn", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
  });
});

describe("redactUrl", () => {
  it("replaces query and fragment values unless allow-listed", () => {
    expect(redactUrl("https://a.example/p?email=x%40y.com&page=2&utm_source=news#access_token=abc", allowed)).toBe("https://a.example/p?email=redacted&page=2&utm_source=news#access_token=redacted");
  });
  it("drops credentials and redacts personal data in the path", () => {
    expect(redactUrl("https://user:pw@a.example/users/jane%40example.com/edit", allowed)).toBe("https://a.example/users/[email]/edit");
  });
  it("keeps plain anchors and hash routes, redacts other fragments", () => {
    expect(redactUrl("/docs#section-2", allowed)).toBe("/docs#section-2");
    expect(redactUrl("/app#/orders/42", allowed)).toBe("/app#/orders/42");
    expect(redactUrl("/app#secret value!", allowed)).toBe("/app#redacted");
  });
  it("reduces data:, mailto: and bare query values", () => {
    expect(redactUrl("data:image/png;base64,AAAA", allowed)).toBe("data:");
    expect(redactUrl("mailto:jane@example.com", allowed)).toBe("mailto:redacted");
    expect(redactUrl("/p?abc123secret", allowed)).toBe("/p?redacted");
  });
  it("redacts each srcset entry", () => {
    expect(redactSrcset("/a.png?t=1 1x, /b.png?page=3 2x", allowed)).toBe("/a.png?t=redacted 1x, /b.png?page=3 2x");
  });
});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap, with jitter in the upper half", () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(30, () => 1)).toBe(60_000);
  });
});

describe("EventBuffer", () => {
  it("keeps timestamps non-decreasing and cuts into one JSON array", () => {
    const buffer = new EventBuffer();
    buffer.add({ timestamp: 10 });
    buffer.add({ timestamp: 5 });
    const batch = buffer.take();
    expect(JSON.parse(batch!.json)).toEqual([{ timestamp: 10 }, { timestamp: 10 }]);
    expect(buffer.take()).toBeNull();
  });
});
