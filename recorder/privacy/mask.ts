import { MASK_CHAR, MASKED_VALUE } from "../../protocol/placeholders";

/** Masks a whole text, keeping whitespace so the layout of the replay holds (rrweb's own style). */
export function maskText(text: string): string {
  return text.replace(/\S/g, MASK_CHAR);
}

/**
 * Masks a form value to one fixed string whatever its length, since a length tells answers apart
 * ("yes" from "no", one option from another). An empty value stays empty: whether a field was
 * filled in is kept.
 */
export function maskValue(value: string): string {
  return value ? MASKED_VALUE : value;
}
