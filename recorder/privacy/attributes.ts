import { redactText } from "../../protocol/redact-text";
import { redactSrcset, redactUrl } from "../../protocol/redact-url";
import { maskText, maskValue } from "./mask";

/** Attributes that carry human-readable text (masked in private elements, pattern-redacted elsewhere). */
const TEXT_ATTRIBUTES = new Set(["placeholder", "title", "alt", "label", "value", "content", "summary", "abbr", "download", "name"]);
/** Attributes that carry a URL (query and fragment values redacted). */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "cite", "data", "background", "xlink:href", "ping", "longdesc", "codebase"]);
const SRCSET_ATTRIBUTES = new Set(["srcset", "imagesrcset"]);
/** Input types whose value is a visible button label, not user data. */
const LABEL_INPUT_TYPES = new Set(["submit", "button", "reset", "image"]);

/** What the attribute scrubber needs to know about the element. */
export interface ElementFacts {
  tag: string;
  /** Inside a private (masked) subtree. */
  private: boolean;
  /** The element's input type as rrweb sees it (a password turned into text stays "password"). */
  inputType: string | null;
}

/** Settings the scrubber shares across events. */
export interface ScrubSettings {
  maskAllInputs: boolean;
  allowedParams: ReadonlySet<string>;
}

function isFormField(facts: ElementFacts): boolean {
  if (facts.tag === "textarea" || facts.tag === "select") return true;
  return facts.tag === "input" && !LABEL_INPUT_TYPES.has(facts.inputType ?? "text");
}

/** Whether a form field's value must be masked: all of them by default; passwords and private fields always. */
export function shouldMaskInput(facts: ElementFacts, settings: ScrubSettings): boolean {
  return settings.maskAllInputs || facts.private || facts.inputType === "password";
}

/**
 * Scrubs one element's attributes in place (a snapshot node's or a mutation's changed ones):
 * form values and checked/selected state masked, text attributes masked or pattern-redacted,
 * URLs redacted. Non-string values (rrweb's style diffs, booleans, null for removal) pass through.
 */
export function scrubAttributes(attrs: Record<string, unknown>, facts: ElementFacts, settings: ScrubSettings): void {
  const field = isFormField(facts) || facts.tag === "option";
  const maskInput = field && shouldMaskInput(facts, settings);
  if (maskInput) {
    // Which box is ticked or which option is chosen is an answer, so it is masked like a value.
    if ("checked" in attrs) delete attrs.checked;
    if ("selected" in attrs) delete attrs.selected;
  }
  for (const name of Object.keys(attrs)) {
    const value = attrs[name];
    if (typeof value !== "string" || value === "") continue;
    if (name === "value" && field && facts.tag !== "option") {
      attrs[name] = maskInput ? maskValue(value) : redactText(value);
    } else if (URL_ATTRIBUTES.has(name)) {
      attrs[name] = redactUrl(value, settings.allowedParams);
    } else if (SRCSET_ATTRIBUTES.has(name)) {
      attrs[name] = redactSrcset(value, settings.allowedParams);
    } else if (TEXT_ATTRIBUTES.has(name) || name.startsWith("aria-") || name.startsWith("data-")) {
      attrs[name] = facts.private ? maskText(value) : redactText(value);
    }
  }
}
