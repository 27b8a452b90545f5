import { MASKED_VALUE } from "./placeholders";
import { redactText } from "./redact-text";
import { DEFAULT_ALLOWED_PARAMS, redactUrl } from "./redact-url";

/**
 * Redaction of CSS text (stylesheets, `style` attributes, single declarations): the places where
 * a page can put data into CSS are strings (`content: "…"`, attribute selectors), custom property
 * values (`--user-email: …`), comments and `url(…)` (whose query rrweb's absolutizing may even copy
 * from the page's own URL). Everything else is selectors, property names, numbers and keywords,
 * left as they are, so the replay looks the same.
 *
 * With `mask`, for CSS inside a private element: strings and custom property values are masked
 * and URLs dropped, whatever they hold.
 */

const DEFAULT_ALLOWED: ReadonlySet<string> = new Set(DEFAULT_ALLOWED_PARAMS);

// A comment, a url(), or a string (the first to start at a position wins).
const VALUE_PART = String.raw`\/\*[\s\S]*?(?:\*\/|$)|\burl\(\s*(?:"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\]|\\[\s\S])*'|[^)"'\s]*)\s*\)|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'`;
// Inside a custom property's value.
const VALUE_PARTS = new RegExp(VALUE_PART, "gi");
// In CSS text: the same, or a custom property declaration (its value up to ; or }).
const CSS_PARTS = new RegExp(String.raw`${VALUE_PART}|(?<=^|[{;\s])--[\w-]+\s*:[^;}]*`, "gi");
// Nothing CSS_PARTS could find.
const MAYBE_DATA = /["'/]|url\(|--/i;
// A string that is an address (@import "…", image-set("…")): redacted as a URL.
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:|\/|\.\.?\/)\S*$/i;
// Images and fonts inlined into a stylesheet are the page's own assets, the same for everyone.
const ASSET_DATA_URL = /^data:(?:image\/|font\/|application\/(?:x-)?font)/i;

/** CSS escapes (\40 is an at sign) decoded, so patterns see what the browser shows. */
function unescapeCss(s: string): string {
  return s.includes("\\")
    ? s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\([\s\S])/g, (_m, hex: string | undefined, ch: string | undefined) =>
        hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd) : (ch ?? ""),
      )
    : s;
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ")}"`;
}

interface CssOptions {
  allowed: ReadonlySet<string>;
  mask: boolean;
}

function redactUrlToken(token: string, o: CssOptions): string {
  const inner = token.slice(token.indexOf("(") + 1, token.lastIndexOf(")")).trim();
  const quoted = inner[0] === '"' || inner[0] === "'";
  const url = unescapeCss(quoted ? inner.slice(1, -1) : inner);
  if (!url) return token;
  if (o.mask) return 'url("")';
  if (ASSET_DATA_URL.test(url)) return token;
  const redacted = redactUrl(url, o.allowed);
  return redacted === url ? token : `url(${quote(redacted)})`;
}

function redactString(token: string, o: CssOptions): string {
  const inner = token.slice(1, token.endsWith(token[0]) && token.length > 1 ? -1 : undefined);
  const text = unescapeCss(inner);
  if (URL_LIKE.test(text)) {
    if (o.mask) return '""';
    const redacted = redactUrl(text, o.allowed);
    return redacted === text ? token : quote(redacted);
  }
  if (o.mask) return text ? quote(MASKED_VALUE) : token;
  const redacted = redactText(text);
  return redacted === text ? token : quote(redacted);
}

function redactPart(token: string, o: CssOptions): string {
  const c = token[0];
  // A comment is nothing to a browser: kept empty, so the tokens around it stay apart.
  if (c === "/") return "/**/";
  if (c === '"' || c === "'") return redactString(token, o);
  if (c === "-") {
    const colon = token.indexOf(":");
    return token.slice(0, colon + 1) + redactCustomValue(token.slice(colon + 1), o);
  }
  return redactUrlToken(token, o);
}

/** A custom property's value is any tokens at all: strings and URLs as everywhere, the rest by pattern. */
function redactCustomValue(value: string, o: CssOptions): string {
  if (o.mask) return value.trim() ? ` ${MASKED_VALUE}` : value;
  let out = "";
  let at = 0;
  VALUE_PARTS.lastIndex = 0;
  for (let m = VALUE_PARTS.exec(value); m; m = VALUE_PARTS.exec(value)) {
    out += redactText(value.slice(at, m.index)) + redactPart(m[0], o);
    at = m.index + m[0].length;
  }
  return out + redactText(value.slice(at));
}

/** Redacts CSS text: strings, custom properties, comments and URLs (see above). Idempotent. */
export function redactCss(css: string, allowed: ReadonlySet<string> = DEFAULT_ALLOWED, mask = false): string {
  if (!css || !MAYBE_DATA.test(css)) return css;
  const o: CssOptions = { allowed, mask };
  let out = "";
  let at = 0;
  CSS_PARTS.lastIndex = 0;
  for (let m = CSS_PARTS.exec(css); m; m = CSS_PARTS.exec(css)) {
    out += css.slice(at, m.index) + redactPart(m[0], o);
    at = m.index + m[0].length;
  }
  return at ? out + css.slice(at) : css;
}

/** Redacts one declaration's value (rrweb's style diffs and CSSOM `setProperty` records). */
export function redactCssValue(property: string, value: string, allowed: ReadonlySet<string> = DEFAULT_ALLOWED, mask = false): string {
  if (!value) return value;
  return property.startsWith("--") ? redactCustomValue(value, { allowed, mask }).trim() : redactCss(value, allowed, mask);
}
