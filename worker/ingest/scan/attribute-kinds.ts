/**
 * Which redactor an attribute's value takes, by its name:
 * - `url`, `srcset`, `url-list`: addresses, through the URL policy;
 * - `css`: `style` and rrweb's `_cssText`, through the CSS scan;
 * - `keep`: machine values where a pattern could only misfire and break the replay (class names
 *   that look like tokens, SVG geometry that looks like digit runs, rrweb's own sizes and states);
 * - `text`: everything else, any name an app invents, through the text patterns.
 */
export type AttributeKind = "url" | "srcset" | "url-list" | "css" | "keep" | "text";

const URLS = new Set(
  "href src action formaction poster cite data background xlink:href longdesc codebase manifest icon lowsrc dynsrc rr_src rr_dataurl".split(" "),
);
const SRCSETS = new Set(["srcset", "imagesrcset"]);
const KEEP = new Set("class d points viewbox transform values keytimes keysplines".split(" "));
// Lazy-loading libraries keep addresses in attributes of their own: data-src, data-lazy-src, data-bg-url…
const URL_SUFFIX = /(?:^|[-_:])(?:src|href|url|uri|poster|background)$/;

function decide(name: string): AttributeKind {
  if (name === "style" || name === "_csstext") return "css";
  if (name === "ping") return "url-list";
  if (URLS.has(name)) return "url";
  if (SRCSETS.has(name) || name.endsWith("srcset")) return "srcset";
  // rrweb's own fields (rr_width, rr_scrollTop, rr_mediaState…) other than its addresses above.
  if (KEEP.has(name) || name.startsWith("rr_")) return "keep";
  return URL_SUFFIX.test(name) ? "url" : "text";
}

/** The kind of an attribute, by its name (case-insensitive, as HTML is). */
export function attributeKind(name: string): AttributeKind {
  return decide(name.toLowerCase());
}
