import { MASK_CHAR } from "../../protocol/placeholders";

/** Masks a whole value, keeping whitespace so the layout of the replay holds (rrweb's own style). */
export function maskText(text: string): string {
  return text.replace(/\S/g, MASK_CHAR);
}

/** Masked form values show at most this many mask characters. */
const MASKED_VALUE_MAX_CHARS = 24;

/** Masks a form value: same length up to a cap, so typing still shows but long secrets do not reveal their length. */
export function maskValue(value: string): string {
  return MASK_CHAR.repeat(Math.min(value.length, MASKED_VALUE_MAX_CHARS));
}
