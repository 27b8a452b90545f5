import { CARD_PLACEHOLDER, EMAIL_PLACEHOLDER, IBAN_PLACEHOLDER, PHONE_PLACEHOLDER, SECRET_PLACEHOLDER, SSN_PLACEHOLDER } from "./placeholders";
import {
  API_KEY,
  CARD,
  DIGIT_RUN,
  EMAIL,
  IBAN,
  INVISIBLE,
  isRandomToken,
  JWT,
  passesIbanCheck,
  passesLuhn,
  PHONE,
  PHONE_CONTEXT,
  PHONE_WORD,
  SSN,
  SSN_CONTEXT,
  TOKEN_CANDIDATE,
} from "./text-patterns";

/**
 * Pattern redaction of personal data inside ordinary text: e-mail addresses, phone numbers,
 * payment cards (Luhn), IBANs (mod 97), US social security numbers and secret-looking tokens.
 * Shared by the recorder (text, attributes, CSS, URLs) and the worker. Each pattern runs only
 * when the text could hold it (enough digits, an @, a JWT header, enough length): pages are full
 * of short numbers (prices, dates, counts) that need none of the scans.
 */

export { passesLuhn } from "./text-patterns";

/** What kind of personal data a match is; each kind has its placeholder. */
export type SensitiveKind = "email" | "phone" | "card" | "iban" | "ssn" | "secret";

/** The placeholder written for each kind. */
export const PLACEHOLDER_OF: Readonly<Record<SensitiveKind, string>> = {
  email: EMAIL_PLACEHOLDER,
  phone: PHONE_PLACEHOLDER,
  card: CARD_PLACEHOLDER,
  iban: IBAN_PLACEHOLDER,
  ssn: SSN_PLACEHOLDER,
  secret: SECRET_PLACEHOLDER,
};

/** One match: text[start, end) is personal data of `kind`. */
export interface SensitiveMatch {
  start: number;
  end: number;
  kind: SensitiveKind;
}

// No digit and no at sign: no pattern can match (every token, card, phone, IBAN and SSN has a digit).
const MAYBE_SENSITIVE = /[\d@\uFF20]|%40/;
/** The shortest text any pattern can match (a@b.co). */
const MIN_SENSITIVE_CHARS = 6;
/** The shortest well-known API key (AKIA + 16). */
const MIN_API_KEY_CHARS = 14;

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/** Collects matches in priority order; a later pattern never takes text an earlier one matched. */
class MatchList {
  readonly list: SensitiveMatch[] = [];

  scan(text: string, pattern: RegExp, kind: SensitiveKind, accept?: (match: string, start: number) => boolean): void {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if ((!accept || accept(m[0], start)) && !this.overlaps(start, end)) this.list.push({ start, end, kind });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }

  private overlaps(start: number, end: number): boolean {
    for (const m of this.list) if (start < m.end && m.start < end) return true;
    return false;
  }
}

function findInVisibleText(text: string): SensitiveMatch[] {
  const found = new MatchList();
  const digits = countDigits(text);
  const hasAt = text.includes("@") || text.includes("%40") || text.includes("\uFF20");
  if (text.includes("eyJ")) found.scan(text, JWT, "secret");
  if (text.length >= MIN_API_KEY_CHARS) found.scan(text, API_KEY, "secret");
  if (hasAt) found.scan(text, EMAIL, "email");
  if (digits >= 6) found.scan(text, IBAN, "iban", (m) => passesIbanCheck(m.replace(/\s/g, "")));
  if (text.length >= 16 && digits) found.scan(text, TOKEN_CANDIDATE, "secret", isRandomToken);
  if (digits >= 13) found.scan(text, CARD, "card", (m) => passesLuhn(digitsOf(m)));
  if (digits >= 9) {
    found.scan(text, SSN, "ssn");
    found.scan(text, PHONE, "phone", (m) => {
      const n = digitsOf(m).length;
      return n >= 9 && n <= 15;
    });
    if (PHONE_WORD.test(text) || /ssn|social security|ss#/i.test(text)) {
      const before = (start: number) => text.slice(Math.max(0, start - 32), start);
      found.scan(text, DIGIT_RUN, "ssn", (m, start) => digitsOf(m).length === 9 && SSN_CONTEXT.test(before(start)));
      found.scan(text, DIGIT_RUN, "phone", (_m, start) => PHONE_CONTEXT.test(before(start)));
    }
  }
  return found.list.sort((a, b) => a.start - b.start);
}

/**
 * Finds the personal data in `text`, as ranges in order. Characters that render as nothing (soft
 * hyphens, zero-width spaces) are skipped while matching, so they cannot hide a pattern; the ranges
 * still index `text` itself.
 */
export function findSensitive(text: string): SensitiveMatch[] {
  if (text.length < MIN_SENSITIVE_CHARS || !MAYBE_SENSITIVE.test(text)) return [];
  if (!INVISIBLE.test(text)) return findInVisibleText(text);
  // Match on the text without them, then map each range back through the kept positions.
  const kept: number[] = [];
  let visible = "";
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE.test(text[i])) continue;
    kept.push(i);
    visible += text[i];
  }
  return findInVisibleText(visible).map((m) => ({ start: kept[m.start], end: kept[m.end - 1] + 1, kind: m.kind }));
}

/** Replaces personal data found by pattern with a placeholder naming its kind. Idempotent: placeholders match nothing. */
export function redactText(text: string): string {
  const matches = findSensitive(text);
  if (!matches.length) return text;
  let out = "";
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + PLACEHOLDER_OF[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}

/**
 * Redacts text that the page shows as one string but holds in several pieces (adjacent text nodes:
 * `<b>jane</b>@example.com`, digits split across spans). The pieces are judged joined; each part of
 * a match is removed from its piece, and the piece where the match starts gets the placeholder.
 * Returns the new pieces, or null when nothing matched. A piece "\0" is a barrier (a boundary the
 * text does not run across), returned as it is.
 */
export function redactPieces(pieces: readonly string[]): string[] | null {
  const joined = pieces.join("");
  const matches = findSensitive(joined);
  if (!matches.length) return null;
  const out: string[] = [];
  let pieceStart = 0;
  for (const piece of pieces) {
    const pieceEnd = pieceStart + piece.length;
    let text = "";
    let at = pieceStart;
    for (const m of matches) {
      if (m.end <= pieceStart || m.start >= pieceEnd) continue;
      text += joined.slice(at, Math.max(m.start, pieceStart));
      if (m.start >= pieceStart) text += PLACEHOLDER_OF[m.kind];
      at = Math.min(m.end, pieceEnd);
    }
    out.push(text + joined.slice(at, pieceEnd));
    pieceStart = pieceEnd;
  }
  return out;
}
