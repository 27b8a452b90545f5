import { URL_VALUE_PLACEHOLDER } from "../../../protocol/placeholders";
import { redactText } from "../../../protocol/redact-text";
import { DEFAULT_ALLOWED_PARAMS, redactUrl } from "../../../protocol/redact-url";

/** What the server scan replaced in one upload, by class: "email", "phone", "card", "secret", "url"… */
export type RedactionCounts = Record<string, number>;

/** The recorder's default allow-list: the one the worker applies to every URL it keeps. */
export const SERVER_ALLOWED_PARAMS: ReadonlySet<string> = new Set(DEFAULT_ALLOWED_PARAMS);

// A placeholder names its class in brackets (protocol/placeholders), percent-encoded when redactUrl
// wrote it into a kept query value. Read generically, so a class added to the shared patterns is
// counted under its own name without a change here.
const PLACEHOLDER = /\[([a-z]{2,16})\]|%5B([a-z]{2,16})%5D/gi;
const URL_VALUE = new RegExp(`\\b${URL_VALUE_PLACEHOLDER}\\b`, "g");
// What redactUrl can change at all: a query, a fragment, credentials, personal data in the path
// (every shared pattern needs a digit or an at sign), or a scheme whose payload it drops.
const MAYBE_URL_DATA = /[?#@%\d\uFF20]|^\s*(?:data|blob|javascript|mailto|tel|sms):/i;
// Images and fonts inlined as data: URLs are pixels and glyphs, which no text pattern can read: the
// scan keeps them (the recorder does not inline them; a replay of one that did still shows them).
const ASSET_DATA_URL = /^\s*data:(?:image\/|font\/|application\/(?:x-)?font)/i;
// A srcset candidate: after the start or a comma, a run without spaces (commas inside belong to the
// URL, as in data: URLs; trailing commas do not), then its descriptor, left as it is.
const SRCSET_URL = /(^|,)(\s*)(\S+?)(,*)(?=\s|$)/g;
const LIST_URL = /\S+/g;

function placeholderCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m; m = PLACEHOLDER.exec(text)) {
    const kind = (m[1] ?? m[2]).toLowerCase();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

function occurrences(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Applies the shared patterns (protocol/redact-text, protocol/redact-url) to strings one at a time
 * and counts what they replaced, by the placeholders that appear. A string nothing matches comes
 * back as the same string and costs no counting.
 */
export class Redactor {
  /** Replacements so far, by class. */
  readonly counts: RedactionCounts = {};

  constructor(private readonly allowed: ReadonlySet<string> = SERVER_ALLOWED_PARAMS) {}

  /** Text: e-mails, phones, cards, secrets replaced by their placeholders. */
  text(value: string): string {
    const out = redactText(value);
    if (out !== value) this.record(value, out, false);
    return out;
  }

  /** One URL, by the one URL policy (query and fragment values, credentials, data: payloads other than images and fonts, patterns in the path). */
  url(value: string): string {
    if (!MAYBE_URL_DATA.test(value) || ASSET_DATA_URL.test(value)) return value;
    const out = redactUrl(value, this.allowed);
    // redactUrl trims; whitespace alone is no redaction, and the attribute keeps its own.
    if (out === value || out === value.trim()) return value;
    this.record(value, out, true);
    return out;
  }

  /** A srcset list ("a.png?x=1 1x, b.png 2x"): each URL redacted, separators and descriptors kept. */
  srcset(value: string): string {
    return value.replace(SRCSET_URL, (_m, lead: string, space: string, url: string, commas: string) => lead + space + this.url(url) + commas);
  }

  /** A space-separated list of URLs (`ping`). */
  urlList(value: string): string {
    return value.replace(LIST_URL, (url) => this.url(url));
  }

  private record(before: string, after: string, isUrl: boolean): void {
    const was = placeholderCounts(before);
    let added = 0;
    for (const [kind, n] of placeholderCounts(after)) {
      const more = n - (was.get(kind) ?? 0);
      if (more > 0) {
        this.add(kind, more);
        added += more;
      }
    }
    if (isUrl) {
      const values = occurrences(after, URL_VALUE) - occurrences(before, URL_VALUE);
      // Credentials or a data: payload dropped: no placeholder shows it, it is still one URL redacted.
      this.add("url", values > 0 ? values : added === 0 ? 1 : 0);
    } else if (added === 0) {
      this.add("other", 1);
    }
  }

  private add(kind: string, n: number): void {
    if (n > 0) this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }
}
