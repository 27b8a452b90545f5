import { CARD_PLACEHOLDER, EMAIL_PLACEHOLDER, IBAN_PLACEHOLDER, PHONE_PLACEHOLDER, SECRET_PLACEHOLDER, SSN_PLACEHOLDER } from "./placeholders";
import {
  API_KEY,
  CARD,
  DIGIT_RUN,
  EMAIL,
  findTokens,
  IBAN,
  INVISIBLE,
  JWT,
  passesIbanCheck,
  passesLuhn,
  PHONE,
  PHONE_CONTEXT,
  SSN,
  SSN_CONTEXT,
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

  /** Adds what `pattern` finds, of the kind `decide` says (null: not a match after all). */
  scan(text: string, pattern: RegExp, decide: (match: string, start: number) => SensitiveKind | null): void {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const kind = decide(m[0], m.index);
      if (kind) this.add(m.index, m.index + m[0].length, kind);
    }
  }

  add(start: number, end: number, kind: SensitiveKind): void {
    for (const m of this.list) if (start < m.end && m.start < end) return;
    this.list.push({ start, end, kind });
  }
}

const always = (kind: SensitiveKind) => () => kind;

function findInVisibleText(text: string): SensitiveMatch[] {
  const found = new MatchList();
  const digits = countDigits(text);
  if (text.includes("eyJ")) found.scan(text, JWT, always("secret"));
  if (text.length >= MIN_API_KEY_CHARS) found.scan(text, API_KEY, always("secret"));
  if (text.includes("@") || text.includes("%40") || text.includes("\uFF20")) found.scan(text, EMAIL, always("email"));
  if (digits >= 6) found.scan(text, IBAN, (m) => (passesIbanCheck(m.replace(/\s/g, "")) ? "iban" : null));
  if (text.length >= 16 && digits) findTokens(text, (start, end) => found.add(start, end, "secret"));
  if (digits >= 13) found.scan(text, CARD, (m) => (passesLuhn(digitsOf(m)) ? "card" : null));
  if (digits >= 9) {
    found.scan(text, SSN, always("ssn"));
    found.scan(text, PHONE, (m) => {
      const n = digitsOf(m).length;
      return n >= 9 && n <= 15 ? "phone" : null;
    });
    // A bare run of digits is a phone (or an SSN) only where a word before it says so.
    found.scan(text, DIGIT_RUN, (m, start) => {
      const before = text.slice(Math.max(0, start - 32), start);
      if (digitsOf(m).length === 9 && SSN_CONTEXT.test(before)) return "ssn";
      return PHONE_CONTEXT.test(before) ? "phone" : null;
    });
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
