import { type CssPolicy, rewriteCss, rewriteCustomValue } from "../../../protocol/rewrite-css";
import type { Redactor } from "./redactor";

/**
 * CSS as the server scan sees it (stylesheets, `style` attributes, rrweb's style diffs and CSSOM
 * events): the places protocol/rewrite-css finds (strings, comments, custom property values,
 * `url(…)`) get the text patterns and the URL policy; selectors, property names, numbers and
 * keywords are never touched (a hashed class name in a selector must not become a placeholder).
 */

function scanning(r: Redactor): CssPolicy {
  const text = (s: string) => r.text(s);
  const url = (s: string) => r.url(s);
  return { comment: text, url, address: url, string: text, text };
}

/** Scans CSS text (a stylesheet or a declaration list); returns it unchanged when nothing matched. */
export function scanCss(css: string, r: Redactor): string {
  return rewriteCss(css, scanning(r));
}

/** Scans one declaration's value (rrweb's style diffs, CSSOM `setProperty`): custom properties are free text. */
export function scanCssValue(property: string, value: string, r: Redactor): string {
  if (!value) return value;
  return property.startsWith("--") ? rewriteCustomValue(value, scanning(r)) : scanCss(value, r);
}
