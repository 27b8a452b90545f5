import { MASKED_VALUE } from "../../protocol/placeholders";
import { redactCss, redactCssValue } from "../../protocol/redact-css";
import { redactText } from "../../protocol/redact-text";
import { redactSrcset, redactUrl } from "../../protocol/redact-url";
import { kindOf } from "./attribute-kinds";
import { maskValue } from "./mask";
import { isRecord } from "./records";

/** Elements whose value is what a person typed or chose. */
const FIELD_TAGS = new Set(["input", "textarea", "select"]);
/** Elements whose `name` names a form field (or a frame): a label of the form, not data of the person. */
const NAMED_FIELD_TAGS = new Set(["input", "textarea", "select", "button", "output", "fieldset", "form", "object", "iframe", "map", "param", "slot"]);

/** What the attribute scrubber needs to know about the element. */
export interface ElementFacts {
  tag: string;
  /** Inside a private (masked) subtree. */
  private: boolean;
  /** The element's input type as rrweb sees it (a password turned into text stays "password"). */
  inputType: string | null;
  /** The element's ARIA role: which tab is open is navigation, so a tab keeps aria-selected. */
  role: string | null;
}

/** Settings the scrubber shares across events. */
export interface ScrubSettings {
  maskAllInputs: boolean;
  /** Every text node and text attribute masked (option maskAllText); URLs and layout stay as outside private elements. */
  maskAllText: boolean;
  allowedParams: ReadonlySet<string>;
}

/**
 * Whether a form field's value must be masked: all of them by default (button and hidden inputs
 * too: an input switched from text to submit copies what was typed into its value); passwords and
 * private fields always.
 */
export function shouldMaskInput(facts: ElementFacts, settings: ScrubSettings): boolean {
  return settings.maskAllInputs || facts.private || facts.inputType === "password";
}

/** rrweb sends a style attribute's change as a diff: property → value, [value, priority], or false (removed). */
function scrubStyleDiff(diff: Record<string, unknown>, isPrivate: boolean, allowed: ReadonlySet<string>): void {
  for (const property of Object.keys(diff)) {
    const v = diff[property];
    if (typeof v === "string") diff[property] = redactCssValue(property, v, allowed, isPrivate);
    else if (Array.isArray(v) && typeof v[0] === "string") diff[property] = [redactCssValue(property, v[0], allowed, isPrivate), ...v.slice(1)];
  }
}

/**
 * Scrubs one element's attributes in place (a snapshot node's, or a mutation's changed ones). Inside
 * a private element only layout attributes (attribute-kinds) keep their value: every other value
 * is masked, every address dropped, so an attribute an app invents (`email`, `display-name`) is
 * never stored raw. Elsewhere text is pattern-redacted, addresses URL-redacted, CSS CSS-redacted.
 * Form values and their checked/selected state are masked as inputs are.
 */
export function scrubAttributes(attrs: Record<string, unknown>, facts: ElementFacts, settings: ScrubSettings): void {
  const field = FIELD_TAGS.has(facts.tag);
  const maskInput = (field || facts.tag === "option") && shouldMaskInput(facts, settings);
  const maskText = facts.private || settings.maskAllText;
  for (const name of Object.keys(attrs)) {
    const value = attrs[name];
    let kind = kindOf(name);
    if (kind === "layout") continue;
    if (kind === "css") {
      if (typeof value === "string") attrs[name] = redactCss(value, settings.allowedParams, facts.private);
      else if (isRecord(value)) scrubStyleDiff(value, facts.private, settings.allowedParams);
      continue;
    }
    // Which box is ticked or which option is chosen is an answer, so it goes with the value.
    if (kind === "state") {
      if (maskInput) delete attrs[name];
      continue;
    }
    if (kind === "widget-state") {
      if ((settings.maskAllInputs || facts.private) && facts.role !== "tab") delete attrs[name];
      continue;
    }
    if (kind === "invisible") {
      delete attrs[name];
      continue;
    }
    if (typeof value !== "string" || value === "") continue;
    if (kind === "value" && field) {
      attrs[name] = maskInput ? maskValue(value) : redactText(value);
      continue;
    }
    if (kind === "field-name") kind = NAMED_FIELD_TAGS.has(facts.tag) ? "field-name" : "text";
    if (kind === "field-name") attrs[name] = redactText(value);
    else if (kind === "url") attrs[name] = facts.private ? "" : redactUrl(value, settings.allowedParams);
    else if (kind === "srcset") attrs[name] = facts.private ? "" : redactSrcset(value, settings.allowedParams);
    else attrs[name] = maskText ? MASKED_VALUE : redactText(value);
  }
}
