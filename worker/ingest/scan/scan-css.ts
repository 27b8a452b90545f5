import type { Redactor } from "./redactor";

/**
 * CSS as the server scan sees it (stylesheets, `style` attributes, rrweb's style diffs and CSSOM
 * events). A page can put data into CSS only in strings (`content: "…"`), comments, custom property
 * values (`--user-email: …`) and `url(…)`; those get the text patterns and the URL policy. Selectors,
 * property names, numbers and keywords are never touched, so the replay looks the same (a hashed
 * class name in a selector must not become a placeholder).
 *
 * A wrapper of this worker's own: protocol/ has no CSS redactor in this tree yet. When the shared
 * one lands, this file can become a call to it.
 */

// At each position, in this order: a comment, a url(), a string, a custom property declaration.
const CSS_PARTS =
  /\/\*[\s\S]*?(?:\*\/|$)|\burl\(\s*(?:"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\]|\\[\s\S])*'|[^)"'\s]*)\s*\)|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|(?<=^|[{;\s])--[\w-]+\s*:[^;}]*/gi;
// None of the parts above can be present.
const MAYBE_PARTS = /["'/]|url\(|--/i;
// A string that is an address (@import "…", image-set("…")).
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:|\/|\.\.?\/)\S*$/i;
const CSS_ESCAPE = /\\([0-9a-fA-F]{1,6})\s?|\\([\s\S])/g;

/** CSS escapes decoded (\40 is an at sign), so the patterns see what the browser shows. */
function unescapeCss(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(CSS_ESCAPE, (_m, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (ch ?? ""),
  );
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ")}"`;
}

function scanUrlToken(token: string, r: Redactor): string {
  const inner = token.slice(token.indexOf("(") + 1, token.lastIndexOf(")")).trim();
  const quoted = inner[0] === '"' || inner[0] === "'";
  const url = unescapeCss(quoted ? inner.slice(1, -1) : inner);
  if (!url) return token;
  const out = r.url(url);
  return out === url ? token : `url(${quote(out)})`;
}

function scanString(token: string, r: Redactor): string {
  const closed = token.length > 1 && token.endsWith(token[0]);
  const text = unescapeCss(token.slice(1, closed ? -1 : undefined));
  const out = URL_LIKE.test(text) ? r.url(text) : r.text(text);
  return out === text ? token : quote(out);
}

function scanPart(token: string, r: Redactor): string {
  const c = token[0];
  if (c === "/") return r.text(token);
  if (c === '"' || c === "'") return scanString(token, r);
  if (c === "-") {
    const colon = token.indexOf(":");
    return token.slice(0, colon + 1) + scanCustomValue(token.slice(colon + 1), r);
  }
  return scanUrlToken(token, r);
}

/** A custom property's value may be any tokens: strings and URLs as everywhere, the rest by pattern. */
function scanCustomValue(value: string, r: Redactor): string {
  return scanParts(value, r, (gap) => r.text(gap));
}

function scanParts(css: string, r: Redactor, gap: (s: string) => string): string {
  let out = "";
  let at = 0;
  // Collected first: a custom property's value is scanned with the same pattern, recursively.
  for (const m of [...css.matchAll(CSS_PARTS)]) {
    out += gap(css.slice(at, m.index)) + scanPart(m[0], r);
    at = m.index + m[0].length;
  }
  return at ? out + gap(css.slice(at)) : gap(css);
}

/** Scans CSS text (a stylesheet or a declaration list); returns it unchanged when nothing matched. */
export function scanCss(css: string, r: Redactor): string {
  if (!css || !MAYBE_PARTS.test(css)) return css;
  return scanParts(css, r, (gap) => gap);
}

/** Scans one declaration's value (rrweb's style diffs, CSSOM `setProperty`): custom properties are free text. */
export function scanCssValue(property: string, value: string, r: Redactor): string {
  if (!value) return value;
  return property.startsWith("--") ? scanCustomValue(value, r) : scanCss(value, r);
}
