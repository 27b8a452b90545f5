/**
 * Unique personal data for the canary page: every placement gets values of its own, so a leak
 * names the placement it came from. Deterministic (a seeded generator), so a failure repeats.
 */

/** The classes of issue 9 §6, and ours. */
export type LeakClass = "css" | "private" | "split-text" | "url" | "form" | "attribute" | "text";

/** One place on the page where personal data sits; `needles` must never reach a stored chunk. */
export interface Placement {
  kind: LeakClass;
  where: string;
  needles: string[];
}

const PREFIXES = "Brom Cald Drev Fenn Gorm Hald Istr Jorv Kelm Lorn Mird Norv Orth Pell Quor Rask Sorv Tarn Ulth Varn Wend Xoth Yarl Zeph".split(" ");
const SUFFIXES = "ibald omira ustine elwyn ardine oric".split(" ");
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    const d = Number(digits[i]) * (double ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

function ibanCheck(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97;
  return String(98 - rest).padStart(2, "0");
}

/** Hands out needles and records where each one is placed. */
export class Canary {
  readonly placements: Placement[] = [];
  private names = 0;
  private seed = 20240314;
  private serial = 10;

  private next(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed;
  }

  private digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.next() % 10);
    return s;
  }

  /** Records a placement; returns its first needle for the page's HTML. */
  place(kind: LeakClass, where: string, ...needles: string[]): string {
    this.placements.push({ kind, where, needles });
    return needles[0];
  }

  /** One needle from `make` for each place of `wheres` (key: where it sits), each recorded as its own placement. */
  placeEach<K extends string>(kind: LeakClass, make: () => string, wheres: Record<K, string>): Record<K, string> {
    const out = {} as Record<K, string>;
    for (const key of Object.keys(wheres) as K[]) out[key] = this.place(kind, wheres[key], make());
    return out;
  }

  /** An e-mail address (see email()) for each place of `wheres`, each recorded as its own placement. */
  placeEachEmail<K extends string>(kind: LeakClass, wheres: Record<K, string>): Record<K, { address: string; needle: string }> {
    const out = {} as Record<K, { address: string; needle: string }>;
    for (const key of Object.keys(wheres) as K[]) out[key] = this.placeEmail(kind, wheres[key]);
    return out;
  }

  /** A made-up name no page or program contains ("Bromibald"): for private places, where nothing but masking hides it. */
  name(): string {
    const i = this.names++;
    return PREFIXES[i % PREFIXES.length] + SUFFIXES[Math.floor(i / PREFIXES.length) % SUFFIXES.length];
  }

  /** An e-mail address; its needle is the local part, so a half-redacted address still counts as a leak. */
  email(domain = "example-mail.org"): { address: string; needle: string } {
    const needle = this.name().toLowerCase();
    return { address: `${needle}@${domain}`, needle };
  }

  /** An e-mail address (see email()) placed at `where`: its needle is recorded, the address goes on the page. */
  placeEmail(kind: LeakClass, where: string, domain?: string): { address: string; needle: string } {
    const m = this.email(domain);
    this.place(kind, where, m.needle);
    return m;
  }

  /** A Luhn-valid card number in groups of four. */
  card(sep = " "): string {
    const body = `4929${this.digits(11)}`;
    return `${body}${luhnDigit(body)}`.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  }

  /** A US phone number, +1 415 555 01NN. */
  phone(): string {
    return `+1 415 555 01${this.serial++}`;
  }

  /** A valid German IBAN, grouped by four. */
  iban(): string {
    const bban = this.digits(18);
    return `DE${ibanCheck("DE", bban)}${bban}`.replace(/(.{4})(?=.)/g, "$1 ");
  }

  /** A US social security number, 219-09-NNNN. */
  ssn(): string {
    return `219-09-${String(1000 + this.serial++ * 7)}`;
  }

  /** A random base62 token of 24 characters (a reset link, an invite, a session). */
  token(): string {
    let s = "";
    for (let i = 0; i < 24; i++) s += BASE62[this.next() % 62];
    // A token always mixes letters and digits; make sure this one does.
    return `${s.slice(0, 22)}${this.next() % 10}q`;
  }
}
