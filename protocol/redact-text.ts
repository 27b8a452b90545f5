import { CARD_PLACEHOLDER, EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, SECRET_PLACEHOLDER } from "./placeholders";

/**
 * Pattern redaction of personal data inside ordinary text: e-mail addresses, phone numbers,
 * payment-card numbers (Luhn-checked, so order numbers survive) and secret-looking tokens.
 * Each pattern is anchored on a cheap literal or character class so that benign text costs a
 * single failed scan. Shared by the recorder (text, attributes, URLs) and the worker (URLs).
 */

const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 13 to 19 digits, optionally grouped by spaces or dashes.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// International (+ prefix), North American ((555) 123-4567, 555-123-4567), and national
// trunk-prefixed numbers (030 1234567, 06 12 34 56 78). Dates such as 2024-01-15 do not match.
const PHONE = /(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,5}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\b0\d(?:[\s-]?\d){7,12}\b)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
// Well-known key prefixes (Stripe, GitHub, Slack, AWS, Google) and any long mixed letter+digit token.
const API_KEY = /\b(?:(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,})/g;
const LONG_TOKEN = /[A-Za-z0-9_+/=-]{32,}/g;
// Quick pre-check: no digit and no @ means no card, phone, token or e-mail can be present.
const MAYBE_SENSITIVE = /[\d@]|%40/;
/** The shortest text any pattern can match (a@b.co). */
const MIN_SENSITIVE_CHARS = 6;
/** The shortest well-known API key (AKIA + 16). */
const MIN_API_KEY_CHARS = 14;

/** Whether a digit string passes the Luhn checksum (payment cards do). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function isSecretLike(token: string): boolean {
  return /\d/.test(token) && /[A-Za-z]/.test(token);
}

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Replaces personal data found by pattern with a placeholder naming its kind. Each pattern runs
 * only when the text could hold it (enough digits, an @, a JWT header, enough length): pages are
 * full of short numbers (prices, dates, counts) that need none of the scans.
 */
export function redactText(text: string): string {
  if (text.length < MIN_SENSITIVE_CHARS || !MAYBE_SENSITIVE.test(text)) return text;
  const digits = countDigits(text);
  let out = text;
  if (out.includes("eyJ")) out = out.replace(JWT, SECRET_PLACEHOLDER);
  if (out.length >= MIN_API_KEY_CHARS) out = out.replace(API_KEY, SECRET_PLACEHOLDER);
  if (out.includes("@") || out.includes("%40")) out = out.replace(EMAIL, EMAIL_PLACEHOLDER);
  if (out.length >= 32) out = out.replace(LONG_TOKEN, (m) => (isSecretLike(m) ? SECRET_PLACEHOLDER : m));
  if (digits >= 13) out = out.replace(CARD, (m) => (passesLuhn(m.replace(/\D/g, "")) ? CARD_PLACEHOLDER : m));
  if (digits >= 6) out = out.replace(PHONE, PHONE_PLACEHOLDER);
  return out;
}
