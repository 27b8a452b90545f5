import { describe, expect, it } from "vitest";
import { scrubAttributes, shouldMaskInput, type ElementFacts, type ScrubSettings } from "../../../../recorder/privacy/attributes.ts";
import { DEFAULT_ALLOWED_PARAMS } from "../../../../protocol/redact-url.ts";

const settings: ScrubSettings = { maskAllInputs: true, allowedParams: new Set(DEFAULT_ALLOWED_PARAMS) };
const open: ScrubSettings = { ...settings, maskAllInputs: false };
const facts = (f: Partial<ElementFacts>): ElementFacts => ({ tag: "div", private: false, inputType: null, ...f });

/** The attributes after scrubbing (scrubAttributes works in place). */
function scrubbed(attrs: Record<string, unknown>, element: Partial<ElementFacts>, with_ = settings): Record<string, unknown> {
  scrubAttributes(attrs, facts(element), with_);
  return attrs;
}

describe("scrubAttributes", () => {
  it("masks a field's value and its checked state", () => {
    expect(scrubbed({ value: "jane@example.com", checked: true, type: "email" }, { tag: "input", inputType: "email" })).toEqual({ value: "****************", type: "email" });
  });

  it("pattern-redacts field values when inputs are not all masked, but always masks passwords", () => {
    expect(scrubbed({ value: "call +1 (415) 555-0143" }, { tag: "input", inputType: "text" }, open)).toEqual({ value: "call [phone]" });
    expect(scrubbed({ value: "hunter2" }, { tag: "input", inputType: "password" }, open)).toEqual({ value: "*******" });
  });

  it("keeps a button's label", () => {
    expect(scrubbed({ value: "Place order" }, { tag: "input", inputType: "submit" })).toEqual({ value: "Place order" });
  });

  it("redacts URLs and srcsets with the shared policy", () => {
    expect(scrubbed({ href: "/u?email=a%40b.co&page=2", srcset: "/a.png?sig=abc 1x, /b.png 2x" }, { tag: "a" })).toEqual({ href: "/u?email=redacted&page=2", srcset: "/a.png?sig=redacted 1x, /b.png 2x" });
  });

  it("masks text attributes in private elements and pattern-redacts them elsewhere", () => {
    expect(scrubbed({ title: "Jane Doe", "data-user": "jane@example.com", class: "card" }, { private: true })).toEqual({ title: "**** ***", "data-user": "****************", class: "card" });
    expect(scrubbed({ "aria-label": "Mail jane@example.com", style: { color: "red" } }, {})).toEqual({ "aria-label": "Mail [email]", style: { color: "red" } });
  });
});

describe("shouldMaskInput", () => {
  it("masks private fields and passwords even when inputs are not all masked", () => {
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text" }), open)).toBe(false);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text", private: true }), open)).toBe(true);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "password" }), open)).toBe(true);
  });
});
