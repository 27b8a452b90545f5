import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_PARAMS, redactSrcset, redactUrl } from "../../../protocol/redact-url.ts";

const allowed = new Set(DEFAULT_ALLOWED_PARAMS);

describe("redactUrl (the one policy of recorder and worker)", () => {
  it.each([
    [
      "values unless allow-listed",
      "https://a.example/p?email=x%40y.com&page=2&utm_source=news#access_token=abc",
      "https://a.example/p?email=redacted&page=2&utm_source=news#access_token=redacted",
    ],
    ["credentials and personal data in the path", "https://user:pw@a.example/users/jane%40example.com/edit", "https://a.example/users/[email]/edit"],
    [
      "credentials, e-mail and values at once",
      "https://bob:hunter2@app.example.com/users/bob@example.com/edit?token=abc&page=2&empty=#section",
      "https://app.example.com/users/[email]/edit?token=redacted&page=2&empty=#section",
    ],
    ["a plain anchor (kept)", "/docs#section-2", "/docs#section-2"],
    ["a hash route (kept)", "/app#/orders/42", "/app#/orders/42"],
    ["a fragment that is not a plain anchor", "/app#secret value!", "/app#redacted"],
    ["a hash route's query", "/app#/orders?id=42&tab=2", "/app#/orders?id=redacted&tab=2"],
    ["a data: URL (content, not an address)", "data:image/png;base64,AAAA", "data:"],
    ["a mailto: URL", "mailto:jane@example.com", "mailto:redacted"],
    ["a bare query value", "/p?abc123secret", "/p?redacted"],
    ["a relative URL", "/relative/path?secret=1", "/relative/path?secret=redacted"],
    ["text that is not a URL", "mail me@example.com", "mail [email]"],
    ["nothing", "", ""],
    // Secrets and personal data in the path, segment by segment.
    ["a token segment", "https://app.example/r/Xk9fQ2mZ7pL4sT8vB1nR6wY3", "https://app.example/r/[secret]"],
    ["a hex token segment", "/reset/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "/reset/[secret]"],
    ["a token in a hash route", "/app#/verify/Xk9fQ2mZ7pL4sT8vB1nR6wY3", "/app#/verify/[secret]"],
    ["an e-mail in a hash route", "/app#/users/zelda%40example.org", "/app#/users/[email]"],
    ["a JWT segment", "/auth/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456/done", "/auth/[secret]/done"],
    ["only the secret segment of a file name", "/files/Xk9fQ2mZ7pL4sT8vB1nR6wY3.pdf", "/files/[secret].pdf"],
    ["an e-mail in a parameter's name", "/p?zelda%40example.org=1&page=2", "/p?[email]=redacted&page=2"],
    ["a phone in a path", "/call/+14155550199", "/call/[phone]"],
  ])("redacts %s", (_why, raw, expected) => {
    expect(redactUrl(raw, allowed)).toBe(expected);
  });

  it.each([
    ["a local image", "http://127.0.0.1:8787/static/images/undraw_profile_1.svg"],
    ["a page", "http://localhost:8080/charts.html"],
    ["an upload", "https://blog.example/wp-content/uploads/2024/03/photo.jpg"],
    ["a UUID path", "/admin/users/3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e/edit"],
    ["a slug", "/blog/how-to-cook-pasta-in-10-minutes"],
    ["a hashed asset", "/assets/main.3f9a1c2e4b5d6f708192.chunk.js"],
    ["an invoice number", "/invoices/0123456789"],
    ["a hash route with an id", "/app#/orders/42/items"],
  ])("keeps %s whole", (_why, url) => {
    expect(redactUrl(url, allowed)).toBe(url);
  });

  it("uses the default allow-list when given none (as the worker does)", () => {
    expect(redactUrl("https://shop.example.com/checkout?step=1&tab=cart&lang=de")).toBe("https://shop.example.com/checkout?step=redacted&tab=cart&lang=de");
  });

  it("keeps a host's own allow-listed parameters, pattern-redacted", () => {
    const mine = new Set([...DEFAULT_ALLOWED_PARAMS, "q"]);
    expect(redactUrl("/search?q=shoes&token=abc", mine)).toBe("/search?q=shoes&token=redacted");
    expect(redactUrl("/search?q=jane%40example.com", mine)).toBe("/search?q=%5Bemail%5D");
  });

  it.each([
    "https://bob:pw@a.example/u/bob@example.com?email=x%40y.com&page=2&q=a+b#access_token=abc",
    "https://a.example/p?page=%E0%A4%A&utm_source=jane%40example.com",
    "/app#/orders/42?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123456",
    "/p?abc123&&=x&page=",
    "tel:+14155550143",
    "  https://a.example/x?tab=1  ",
    "/app#/verify/Xk9fQ2mZ7pL4sT8vB1nR6wY3",
    "/a%3Fb%40example.org/c?x%26y%40example.org=1",
    "/users/zelda@example.org/100%25",
  ])("is idempotent, so the worker's second pass keeps the recorder's string: %s", (raw) => {
    const once = redactUrl(raw, allowed);
    expect(redactUrl(once, allowed)).toBe(once);
  });

  it("redacts each srcset entry", () => {
    expect(redactSrcset("/a.png?t=1 1x, /b.png?page=3 2x", allowed)).toBe("/a.png?t=redacted 1x, /b.png?page=3 2x");
  });
});
