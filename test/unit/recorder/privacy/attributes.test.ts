import { describe, expect, it } from "vitest";
import { scrubAttributes, shouldMaskInput, type ElementFacts, type ScrubSettings } from "../../../../recorder/privacy/attributes.ts";
import { kindOf } from "../../../../recorder/privacy/attribute-kinds.ts";
import { DEFAULT_ALLOWED_PARAMS } from "../../../../protocol/redact-url.ts";

const settings: ScrubSettings = { maskAllInputs: true, maskAllText: false, allowedParams: new Set(DEFAULT_ALLOWED_PARAMS) };
const open: ScrubSettings = { ...settings, maskAllInputs: false };
const facts = (f: Partial<ElementFacts>): ElementFacts => ({ tag: "div", private: false, inputType: null, role: null, ...f });

/** The attributes after scrubbing (scrubAttributes works in place). */
function scrubbed(attrs: Record<string, unknown>, element: Partial<ElementFacts>, with_ = settings): Record<string, unknown> {
  scrubAttributes(attrs, facts(element), with_);
  return attrs;
}

describe("scrubAttributes", () => {
  it("masks a field's value to one fixed length, and drops its checked state", () => {
    expect(scrubbed({ value: "jane@example.com", checked: true, type: "email" }, { tag: "input", inputType: "email" })).toEqual({
      value: "********",
      type: "email",
    });
    expect(scrubbed({ value: "no" }, { tag: "input", inputType: "text" })).toEqual({ value: "********" });
  });

  it("pattern-redacts field values when inputs are not all masked, but always masks passwords", () => {
    expect(scrubbed({ value: "call +1 (415) 555-0143" }, { tag: "input", inputType: "text" }, open)).toEqual({ value: "call [phone]" });
    expect(scrubbed({ value: "hunter2" }, { tag: "input", inputType: "password" }, open)).toEqual({ value: "********" });
  });

  it("masks button-type input values too (an input switched from text to submit carries what was typed)", () => {
    expect(scrubbed({ value: "Zelda Quartermaine", type: "submit" }, { tag: "input", inputType: "submit" })).toEqual({ value: "********", type: "submit" });
    expect(scrubbed({ value: "Place order" }, { tag: "input", inputType: "submit" }, open)).toEqual({ value: "Place order" });
  });

  it("redacts URLs and srcsets with the shared policy, rrweb's frame source and lazy-loading attributes included", () => {
    expect(scrubbed({ href: "/u?email=a%40b.co&page=2", srcset: "/a.png?sig=abc 1x, /b.png 2x" }, { tag: "a" })).toEqual({
      href: "/u?email=redacted&page=2",
      srcset: "/a.png?sig=redacted 1x, /b.png 2x",
    });
    expect(
      scrubbed(
        { rr_src: "https://x.example/embed?user=zelda", "data-src": "/i.png?t=1", "data-srcset": "/i.png?t=1 2x", "data-lazy-src": "/j.png?t=2" },
        { tag: "iframe" },
      ),
    ).toEqual({
      rr_src: "https://x.example/embed?user=redacted",
      "data-src": "/i.png?t=redacted",
      "data-srcset": "/i.png?t=redacted 2x",
      "data-lazy-src": "/j.png?t=redacted",
    });
  });

  it("inside a private element keeps only layout attributes: any other value is masked, any address dropped", () => {
    const attrs = {
      class: "card",
      id: "patient-zelda",
      title: "Jane Doe",
      email: "zelda@example.org",
      "display-name": "Zelda Q",
      "data-user": "jane",
      href: "/patients/zelda",
      src: "/a/zelda.jpg",
      width: "20",
      role: "img",
      rr_width: "20px",
    };
    expect(scrubbed(attrs, { private: true })).toEqual({
      class: "card",
      id: "********",
      title: "********",
      email: "********",
      "display-name": "********",
      "data-user": "********",
      href: "",
      src: "",
      width: "20",
      role: "img",
      rr_width: "20px",
    });
  });

  it("pattern-redacts every attribute outside private elements, invented ones included", () => {
    expect(scrubbed({ "aria-label": "Mail jane@example.com", email: "zelda@example.org", "display-name": "Zelda Q", class: "card" }, {})).toEqual({
      "aria-label": "Mail [email]",
      email: "[email]",
      "display-name": "Zelda Q",
      class: "card",
    });
  });

  it("keeps a field's name (a label of the form, not data), also in a textarea, which is always private", () => {
    expect(scrubbed({ name: "message", placeholder: "Your message" }, { tag: "textarea", private: true })).toEqual({
      name: "message",
      placeholder: "********",
    });
  });

  it("drops what the page never shows: srcdoc and inline event handlers", () => {
    expect(scrubbed({ srcdoc: "<p>zelda@example.org</p>", onclick: "track('zelda')" }, { tag: "iframe" })).toEqual({});
  });

  it("drops which option of an ARIA listbox is chosen, but keeps which tab is open", () => {
    expect(scrubbed({ "aria-selected": "true", role: "option" }, { role: "option" })).toEqual({ role: "option" });
    expect(scrubbed({ "aria-checked": "true" }, { role: "radio" })).toEqual({});
    expect(scrubbed({ "aria-selected": "true" }, { role: "tab" })).toEqual({ "aria-selected": "true" });
  });

  it("redacts CSS in style attributes, also rrweb's style diffs", () => {
    expect(scrubbed({ style: "background:url(/a.png?token=abc);--who:zelda@example.org" }, {})).toEqual({
      style: 'background:url("/a.png?token=redacted");--who:[email]',
    });
    expect(scrubbed({ style: { "--who": "zelda@example.org", content: ['"Zelda"', "important"], color: false } }, { private: true })).toEqual({
      style: { "--who": "********", content: ['"********"', "important"], color: false },
    });
  });

  it("masks text attributes everywhere with maskAllText, yet keeps addresses and layout", () => {
    expect(scrubbed({ title: "Hello", href: "/a?page=2", class: "x" }, {}, { ...settings, maskAllText: true })).toEqual({
      title: "********",
      href: "/a?page=2",
      class: "x",
    });
  });
});

describe("kindOf", () => {
  it("decides by name, case-insensitively, and files unknown names as text", () => {
    expect(
      ["viewBox", "d", "rr_scrollTop", "_cssText", "href", "data-href", "data-image-url", "imagesrcset", "srcdoc", "onClick", "aria-selected", "whatever"].map(
        kindOf,
      ),
    ).toEqual(["layout", "layout", "layout", "css", "url", "url", "url", "srcset", "invisible", "invisible", "widget-state", "text"]);
  });
});

describe("shouldMaskInput", () => {
  it("masks private fields and passwords even when inputs are not all masked", () => {
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text" }), open)).toBe(false);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "text", private: true }), open)).toBe(true);
    expect(shouldMaskInput(facts({ tag: "input", inputType: "password" }), open)).toBe(true);
  });
});
