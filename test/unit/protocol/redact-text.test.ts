import { describe, expect, it } from "vitest";
import { passesLuhn, redactText } from "../../../protocol/redact-text.ts";

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
    ["/users/jane%40example.com/edit", "/users/[email]/edit"],
  ])("redacts %s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each(["Order 1234567890123456 shipped", "Due 2024-01-15 at 12:30", "Total: 1,204.50 EUR", "Welcome to Acme Dashboard", "Version 2.2.2 build 20240115"])("keeps benign %s", (input) => {
    expect(redactText(input)).toBe(input);
  });

  it("leaves its own placeholders alone (redacting twice changes nothing)", () => {
    const once = redactText("Mail jane@example.com, call +1 (415) 555-0143, card 4111 1111 1111 1111, key sk_live_51HxYzAbCdEfGh12345678");
    expect(once).toBe("Mail [email], call [phone], card [card], key [secret]");
    expect(redactText(once)).toBe(once);
  });

  it("checks Luhn", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
  });
});
