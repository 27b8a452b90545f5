import { describe, expect, it } from "vitest";
import { scrubAttributes, shouldMaskInput, type ElementFacts } from "../../../../recorder/privacy/attributes.ts";
import { DEFAULT_ALLOWED_PARAMS } from "../../../../protocol/redact-url.ts";

const settings = { maskAllInputs: true, allowedParams: new Set(DEFAULT_ALLOWED_PARAMS) };
const facts = (f: Partial<ElementFacts>): ElementFacts => ({ tag: "div", private: false, inputType: null, ...f });

describe("scrubAttributes", () => {
  it("masks a field's value and its checked state", () => {
    const attrs: Record<string, unknown> = { value: "jane@example.com", checked: true, type: "email" };
    scrubAttributes(attrs, facts({ tag: "input", inputType: "email" }), settings);
    expect(attrs).toEqual({ value: "****************", type: "email" });
  });

  it("pattern-redacts field values when inputs are not all masked, but always masks passwords", () => {
    const open = { ...settings, maskAllInputs: false };
    const text: Record<string, unknown> = { value: "call +1 (415) 555-0143" };
    scrubAttributes(text, facts({ tag: "input", inputType: "text" }), open);
    expect(text.value).toBe("call [phone]");
    const pw: Record<string, unknown> = { value: "hunter2" };
    scrubAttributes(pw, facts({ tag: "input", inputType: "password" }), open);
    expect(pw.value).toBe("*******");
  });

  it("keeps a button's label", () => {
    const attrs: Record<string, unknown> = { value: "Place order" };
    scrubAttributes(attrs, facts({ tag: "input", inputType: "submit" }), settings);
    expect(attrs.value).toBe("Place order");
  });

  it("redacts URLs and srcsets with the shared policy", () => {
    const attrs: Record<string, unknown> = { href: "/u?email=a%40b.co&page=2", srcset: "/a.png?sig=abc 1x, /b.png 2x" };
    scrubAttributes(attrs, facts({ tag: "a" }), settings);
    expect(attrs).toEqual({ href: "/u?email=redacted&page=2", srcset: "/a.png?sig=redacted 1x, /b.png 2x" });
  });

  it("masks text attributes in private elements and pattern-redacts them elsewhere", () => {
    const priv: Record<string, unknown> = { title: "Jane Doe", "data-user": "jane@example.com", class: "card" };
    scrubAttributes(priv, facts({ private: true }), settings);
    expect(priv).toEqual({ title: "**** ***", "data-user": "****************", class: "card" });
    const open: Record<string, unknown> = { "aria-label": "Mail jane@example.com", style: { color: "red" } };
    scrubAttributes(open, facts({}), settings);
    expect(open).toEqual({ "aria-label": "Mail [email]", style: { color: "red" } });
  });
});

describe("shouldMaskInput", () => {
  it("masks private fields and passwords even when inputs are not all masked", () => {
    const open = { ...settings, maskAllInputs: false };
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text" }), open)).toBe(false);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text", private: true }), open)).toBe(true);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "password" }), open)).toBe(true);
  });
});
