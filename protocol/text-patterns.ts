/**
 * The patterns of personal data, and the checks that keep look-alikes (order numbers, dates,
 * UUIDs, asset hashes) out of them. Compiled once; protocol/redact-text runs them.
 */

/**
 * E-mail addresses, internationalized ones included (Unicode local parts and domains, punycode),
 * also percent-encoded (%40) or with a full-width at sign. Lengths are bounded (RFC 5321) so a long
 * run of letters before an @ costs linear time.
 */
export const EMAIL = /[\p{L}\p{N}._%+-]{1,64}(?:@|%40|\uFF20)[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.(?:\p{L}{2,24}|xn--[a-z0-9-]{2,59})/giu;

/** 13 to 19 digits, each gap at most one space (no-break and thin spaces too), dot or dash; Luhn decides. */
export const CARD = /(?<![A-Za-z0-9])\d(?:[\s.-]?\d){12,18}(?![A-Za-z0-9])/g;

/** An IBAN as printed: country, check digits, then groups of four (spaced or not); mod 97 decides. */
export const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00A0]?[A-Z0-9]{4}){2,7}(?:[ \u00A0]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

/** A US social security number written with dashes or spaces (never issued: area 000 or 666, group 00, serial 0000). */
export const SSN = /(?<![\d-])(?!000|666)\d{3}([ -])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g;

/**
 * Phone numbers whose shape says so on its own: a leading + (E.164, grouped or not), North
 * American groups ((415) 555-0143, 415 555 0143, 415.555.0143), and trunk-prefixed national
 * numbers with at least one gap (030 1234567, 06 12 34 56 78). A bare run of digits is not
 * enough: that is what invoice, order and account numbers look like (see PHONE_CONTEXT).
 */
export const PHONE =
  /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,5}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|(?<![\d-]|\d\.)\d{3}[\s.-]\d{3}[\s.-]\d{4}(?![\d-]|\.\d)|(?<![\d-]|\d\.)0\d{1,4}(?:[\s./-]\d{2,8}){1,4}(?![\d-]|\.\d)/g;

/** Any grouping of 9 to 15 digits: a phone number only where PHONE_CONTEXT precedes it. */
export const DIGIT_RUN = /(?<![\d+])\(?\d(?:[\s.\-/()]{0,2}\d){8,14}(?!\d)/g;

/**
 * A word announcing a phone number (in the main languages of the web) near the end of the text
 * before a digit run: "Call us on 0123456789", "Tel.: 0123456789".
 */
export const PHONE_CONTEXT =
  /(?:\b(?:phone|tel|mobile|mob|cell|call|fax|sms|whats ?app|contact|handy|portable|t[ée]l[ée]fono|telefone|celular|cellulare|m[óo]vil)|☎|📞)[^\d\n]{0,20}$/iu;
/** Words that announce a social security number written as nine bare digits. */
export const SSN_CONTEXT = /(?:\bssn|social security(?: number| no\.?)?|\bss#)[^\d\n]{0,12}$/i;

/** A JSON Web Token (header.payload.signature, base64url). */
export const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** Well-known key prefixes: Stripe, GitHub, Slack, AWS, Google. */
export const API_KEY =
  /\b(?:(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,})/g;

const ALNUM_RUN = /[A-Za-z0-9]{16,}/g;
const HEX = /^[0-9a-fA-F]+$/;

/** Characters that render as nothing: they may hide a pattern (4111\u200B1111…), so matching skips them. */
export const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;

/** Whether a digit string passes the Luhn checksum (payment cards do). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    const d = digits.charCodeAt(i) - 48;
    sum += double ? (d > 4 ? d * 2 - 9 : d * 2) : d;
  }
  return sum % 10 === 0 && /[1-9]/.test(digits);
}

/** Whether an IBAN (spaces removed) has a plausible length and passes its mod-97 check. */
export function passesIbanCheck(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55; // A = 10 … Z = 35
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}

/** 0 upper case, 1 lower case, 2 digit. */
function classOf(c: number): number {
  return c <= 57 ? 2 : c <= 90 ? 0 : 1;
}

/**
 * Whether a run of letters and digits looks random rather than written by a person: hex of 32+
 * (128-bit tokens; shorter hex is what asset hashes and database ids look like), or 16+ characters
 * of letters and digits that change class (upper, lower, digit) often, as random base62 does and
 * CamelCase words do not ("ProductCategory2023Overview" is kept).
 */
function isRandomRun(run: string): boolean {
  if (!/\d/.test(run) || !/[A-Za-z]/.test(run)) return false;
  if (HEX.test(run)) return run.length >= 32;
  let changes = 0;
  for (let i = 1; i < run.length; i++) if (classOf(run.charCodeAt(i)) !== classOf(run.charCodeAt(i - 1))) changes++;
  return changes >= 0.25 * (run.length - 1);
}

/** Letters, digits and _ + - : the characters of base64, base64url and hex tokens. */
function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 43 || c === 45;
}

/**
 * Reports each secret-looking token: a run of 16+ token characters ("=" padding included) in which
 * some run of 16+ letters and digits looks random. UUIDs (8-4-4-4-12 hex), slugs
 * ("how-to-cook-pasta-in-10-minutes") and file names ("IMG_20240315_142233",
 * "main.3f9a1c2e4b5d6f708192") are kept. Slashes and dots end a token, so a path is judged per
 * segment. A hand-written scan: a regex with a long repeat is tried again at every start, several
 * times slower on ordinary text.
 */
export function findTokens(text: string, found: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isTokenChar(text.charCodeAt(i))) i++;
    if (i - start < 16) continue;
    let end = i;
    while (end < n && end - i < 2 && text.charCodeAt(end) === 61) end++;
    const runs = text.slice(start, i).match(ALNUM_RUN);
    if (runs?.some(isRandomRun)) found(start, end);
  }
}
