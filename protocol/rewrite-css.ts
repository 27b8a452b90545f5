/**
 * The places in CSS text where a page can put data: comments, `url(…)`, strings (`content: "…"`,
 * attribute selectors, `@import "…"`) and custom property values (`--user-email: …`). Selectors,
 * property names, numbers and keywords are never touched, so the replay looks the same. The
 * recorder's redaction (redact-css.ts) and the server's scan (worker/ingest/scan) walk CSS with this
 * one tokenizer and differ only in their policy.
 */

/** What a rewrite puts in each place; strings and URLs come decoded (CSS escapes undone). */
export interface CssPolicy {
  /** A whole comment, `/* … *\/` included. */
  comment(token: string): string;
  /** The address inside a `url(…)` (never empty). */
  url(url: string): string;
  /** A string that reads as an address (`@import "…"`, `image-set("…")`). */
  address(text: string): string;
  /** Any other string. */
  string(text: string): string;
  /** The bare text of a custom property's value, between its strings, URLs and comments. */
  text(text: string): string;
  /** A custom property's whole value, when the policy replaces it without looking inside. */
  customValue?(value: string): string;
}

// A comment, a url(), or a string (the first to start at a position wins).
const VALUE_PART = String.raw`\/\*[\s\S]*?(?:\*\/|$)|\burl\(\s*(?:"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\]|\\[\s\S])*'|[^)"'\s]*)\s*\)|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'`;
// Inside a custom property's value.
const VALUE_PARTS = new RegExp(VALUE_PART, "gi");
// In CSS text: the same, or a custom property declaration (its value up to ; or }).
const CSS_PARTS = new RegExp(String.raw`${VALUE_PART}|(?<=^|[{;\s])--[\w-]+\s*:[^;}]*`, "gi");
// Nothing CSS_PARTS could find.
const MAYBE_DATA = /["'/]|url\(|--/i;
// A string that is an address (@import "…", image-set("…")).
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:|\/|\.\.?\/)\S*$/i;
const CSS_ESCAPE = /\\([0-9a-fA-F]{1,6})\s?|\\([\s\S])/g;

/** CSS escapes (\40 is an at sign) decoded, so patterns see what the browser shows. */
function unescapeCss(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(CSS_ESCAPE, (_m, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (ch ?? ""),
  );
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ")}"`;
}

function rewriteUrlToken(token: string, p: CssPolicy): string {
  const inner = token.slice(token.indexOf("(") + 1, token.lastIndexOf(")")).trim();
  const quoted = inner[0] === '"' || inner[0] === "'";
  const url = unescapeCss(quoted ? inner.slice(1, -1) : inner);
  if (!url) return token;
  const out = p.url(url);
  return out === url ? token : `url(${quote(out)})`;
}

function rewriteString(token: string, p: CssPolicy): string {
  const closed = token.length > 1 && token.endsWith(token[0]);
  const text = unescapeCss(token.slice(1, closed ? -1 : undefined));
  const out = URL_LIKE.test(text) ? p.address(text) : p.string(text);
  return out === text ? token : quote(out);
}

function rewritePart(token: string, p: CssPolicy): string {
  const c = token[0];
  if (c === "/") return p.comment(token);
  if (c === '"' || c === "'") return rewriteString(token, p);
  if (c === "-") {
    const colon = token.indexOf(":");
    return token.slice(0, colon + 1) + rewriteCustomValue(token.slice(colon + 1), p);
  }
  return rewriteUrlToken(token, p);
}

function rewriteParts(css: string, parts: RegExp, p: CssPolicy, gap: (s: string) => string): string {
  let out = "";
  let at = 0;
  for (const m of css.matchAll(parts)) {
    out += gap(css.slice(at, m.index)) + rewritePart(m[0], p);
    at = m.index + m[0].length;
  }
  return at ? out + gap(css.slice(at)) : gap(css);
}

/** A custom property's value is any tokens at all: strings and URLs as everywhere, the rest through `text`. */
export function rewriteCustomValue(value: string, p: CssPolicy): string {
  return p.customValue ? p.customValue(value) : rewriteParts(value, VALUE_PARTS, p, (gap) => p.text(gap));
}

/** CSS text (a stylesheet or a declaration list) with each place rewritten by `p`; the same string when there is none. */
export function rewriteCss(css: string, p: CssPolicy): string {
  if (!css || !MAYBE_DATA.test(css)) return css;
  return rewriteParts(css, CSS_PARTS, p, (gap) => gap);
}
