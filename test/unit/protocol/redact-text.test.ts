import { describe, expect, it } from "vitest";
import { findSensitive, passesLuhn, redactPieces, redactText } from "../../../protocol/redact-text.ts";
import { passesIbanCheck } from "../../../protocol/text-patterns.ts";

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

  it.each([
    ["an internationalized domain", "Écrire à zelda@exämple.de", "Écrire à [email]"],
    ["a Cyrillic address", "Почта: зельда@пример.рф", "Почта: [email]"],
    ["a CJK address", "邮箱 用户@例子.广告", "邮箱 [email]"],
    ["a full-width at sign", "zelda＠example.org", "[email]"],
    ["card digits grouped by no-break spaces", "4111\u00a01111\u00a01111\u00a01111", "[card]"],
    ["card digits grouped by narrow no-break spaces", "4111\u202f1111\u202f1111\u202f1111", "[card]"],
    ["card digits grouped by dots", "Card 4111.1111.1111.1111", "Card [card]"],
    ["card digits with zero-width spaces", "4111\u200b1111\u200b1111\u200b1111 paid", "[card] paid"],
    ["an e-mail with a soft hyphen", "zelda\u00adq@example.org", "[email]"],
    ["a phone grouped by spaces, ending a sentence", "Reach me at 415 555 0199.", "Reach me at [phone]."],
    ["a trunk-prefixed number ending a sentence", "Ruf an: 030 1234567.", "Ruf an: [phone]."],
    ["a French number", "Portable 06 12 34 56 78", "Portable [phone]"],
    ["an E.164 number without gaps", "+14155550199", "[phone]"],
    ["a bare digit run after a phone word", "Call 0123456789 today", "Call [phone] today"],
    ["a bare digit run after 'Tel.:'", "Tel.: 4155550199", "Tel.: [phone]"],
    ["a German IBAN, grouped", "IBAN DE89 3704 0044 0532 0130 00", "IBAN [iban]"],
    ["a British IBAN, not grouped", "GB82WEST12345698765432", "[iban]"],
    ["an SSN with dashes", "SSN 123-45-6789", "SSN [ssn]"],
    ["an SSN with spaces", "ssn 123 45 6789", "ssn [ssn]"],
    ["nine bare digits after 'SSN'", "SSN: 123456789", "SSN: [ssn]"],
    ["a random base62 token", "reset code Xk9fQ2mZ7pL4sT8vB1nR6wY3", "reset code [secret]"],
    ["a base64url token with dashes", "t=Xk9f-Q2mZ_7pL4sT8vB1nR6wY3", "t=[secret]"],
  ])("redacts %s", (_why, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    "Order 1234567890123456 shipped",
    "Due 2024-01-15 at 12:30",
    "Total: 1,204.50 EUR",
    "Welcome to Acme Dashboard",
    "Version 2.2.2 build 20240115",
    // A bare digit run is what invoices, orders and accounts look like: a phone needs a +, gaps or a phone word.
    "Invoice 0123456789",
    "Order 4155550199 shipped",
    "User 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e",
    "Object 507f1f77bcf86cd799439011",
    "how-to-cook-pasta-in-10-minutes",
    "IMG_20240315_142233.jpg",
    "main.3f9a1c2e4b5d6f708192.chunk.js",
    "ProductCategory2023Overview",
    "Price $1,299.00 on 03/14/2024",
    "Paid 0000 0000 0000 0000",
    "M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z",
    "viewBox 0 0 1024 1024",
  ])("keeps benign %s", (input) => {
    expect(redactText(input)).toBe(input);
  });

  it("leaves its own placeholders alone (redacting twice changes nothing)", () => {
    const once = redactText(
      "Mail jane@example.com, call +1 (415) 555-0143, card 4111 1111 1111 1111, key sk_live_51HxYzAbCdEfGh12345678, IBAN DE89370400440532013000",
    );
    expect(once).toBe("Mail [email], call [phone], card [card], key [secret], IBAN [iban]");
    expect(redactText(once)).toBe(once);
  });

  it("checks Luhn and IBAN check digits", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(passesIbanCheck("DE89370400440532013000")).toBe(true);
    expect(passesIbanCheck("DE88370400440532013000")).toBe(false);
  });

  it("reports ranges of the original text, also across invisible characters", () => {
    const text = "a 4111\u200b1111\u200b1111\u200b1111 b";
    expect(findSensitive(text)).toEqual([{ start: 2, end: text.length - 2, kind: "card" }]);
  });
});

describe("redactPieces (text the page shows as one string, held in several nodes)", () => {
  it("judges the pieces joined and leaves the placeholder where the match starts", () => {
    expect(redactPieces(["Mail ", "zelda.q", "@example.org now"])).toEqual(["Mail ", "[email]", " now"]);
    expect(redactPieces(["Card ", "4111", " ", "1111", " ", "1111 1111", " end"])).toEqual(["Card ", "[card]", "", "", "", "", " end"]);
  });

  it("keeps one piece's own matches and ignores pieces without any", () => {
    expect(redactPieces(["Hello ", "Zelda", "!"])).toBeNull();
    expect(redactPieces(["a@example.org", " and ", "b@example.org"])).toEqual(["[email]", " and ", "[email]"]);
  });

  it("does not join across a barrier", () => {
    expect(redactPieces(["zelda.q", "\0", "@example.org"])).toBeNull();
  });
});
