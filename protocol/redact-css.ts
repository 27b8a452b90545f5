import { MASKED_VALUE } from "./placeholders";
import { redactText } from "./redact-text";
import { DEFAULT_ALLOWED_PARAMS, redactUrl } from "./redact-url";
import { type CssPolicy, rewriteCss, rewriteCustomValue } from "./rewrite-css";

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

// Images and fonts inlined into a stylesheet are the page's own assets, the same for everyone.
const ASSET_DATA_URL = /^data:(?:image\/|font\/|application\/(?:x-)?font)/i;

function redaction(allowed: ReadonlySet<string>, mask: boolean): CssPolicy {
  const address = (url: string) => (mask ? "" : redactUrl(url, allowed));
  return {
    // A comment is nothing to a browser: kept empty, so the tokens around it stay apart.
    comment: () => "/**/",
    url: (url) => (!mask && ASSET_DATA_URL.test(url) ? url : address(url)),
    address,
    string: (text) => (mask ? text && MASKED_VALUE : redactText(text)),
    text: redactText,
    customValue: mask ? (value) => (value.trim() ? ` ${MASKED_VALUE}` : value) : undefined,
  };
}

/** Redacts CSS text: strings, custom properties, comments and URLs (see above). Idempotent. */
export function redactCss(css: string, allowed: ReadonlySet<string> = DEFAULT_ALLOWED, mask = false): string {
  return rewriteCss(css, redaction(allowed, mask));
}

/** Redacts one declaration's value (rrweb's style diffs and CSSOM `setProperty` records). */
export function redactCssValue(property: string, value: string, allowed: ReadonlySet<string> = DEFAULT_ALLOWED, mask = false): string {
  if (!value) return value;
  return property.startsWith("--") ? rewriteCustomValue(value, redaction(allowed, mask)).trim() : redactCss(value, allowed, mask);
}
