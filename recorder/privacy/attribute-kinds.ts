/**
 * What each attribute name holds, decided once per name (a page uses a few hundred names and
 * repeats them on thousands of elements), so scrubbing an attribute costs a map lookup.
 */

/**
 * - `layout`: shape and behaviour, never data (class, type, role, sizes, SVG geometry, rrweb's own
 *   rr_* fields): kept everywhere, also inside private elements.
 * - `url`, `srcset`: addresses, redacted by the URL policy (dropped inside private elements).
 * - `css`: `style` and rrweb's `_cssText`, redacted as CSS.
 * - `value`: a form value (masked on fields); `state`: checked/selected (dropped when masked);
 *   `widget-state`: ARIA's choice state (aria-selected, aria-checked…), dropped like `state`.
 * - `field-name`: `name`, a form field's name (not its value): pattern-redacted, never masked.
 * - `invisible`: content the page never shows (srcdoc, inline event handlers): dropped.
 * - `text`: everything else, any attribute an app invents: pattern-redacted, masked inside
 *   private elements. Unknown names land here, so a new attribute is never stored raw.
 */
export type AttributeKind = "layout" | "url" | "srcset" | "css" | "value" | "state" | "widget-state" | "field-name" | "invisible" | "text";

const LAYOUT = new Set(
  (
    "class type role dir lang hidden tabindex width height colspan rowspan span disabled readonly required multiple open " +
    "contenteditable draggable spellcheck autocomplete inputmode enterkeyhint aria-hidden aria-expanded aria-haspopup aria-modal aria-orientation " +
    "rel media as sizes charset crossorigin referrerpolicy loading decoding fetchpriority sandbox allow allowfullscreen frameborder scrolling " +
    "align valign border cellpadding cellspacing scope maxlength minlength size rows cols wrap start reversed step min max accept enctype method " +
    "target novalidate autoplay controls loop muted playsinline preload slot part is translate popover " +
    "xmlns xmlns:xlink version viewbox preserveaspectratio d points transform fill stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray " +
    "stroke-dashoffset stroke-miterlimit fill-rule clip-rule clip-path mask opacity fill-opacity stroke-opacity x y x1 x2 y1 y2 cx cy r rx ry dx dy " +
    "offset stop-color stop-opacity gradientunits gradienttransform patternunits focusable shape-rendering vector-effect " +
    "data-rr-is-password"
  ).split(" "),
);
const URLS = new Set(
  "href src action formaction poster cite data background xlink:href ping longdesc codebase manifest icon lowsrc dynsrc rr_src rr_dataurl".split(" "),
);
const SRCSETS = new Set(["srcset", "imagesrcset"]);
const WIDGET_STATES = new Set(["aria-selected", "aria-checked", "aria-pressed", "aria-valuenow", "aria-valuetext", "aria-activedescendant"]);
// Lazy-loading libraries and apps keep addresses in attributes of their own: data-src, data-lazy-src, data-href, data-image-url…
const URL_SUFFIX = /(?:^|[-_:])(?:src|href|url|uri|original|bg|background|poster)$/;

const known = new Map<string, AttributeKind>();
/** Names remembered at most; past it the memory starts over (Vue's data-v-<hash> names are many). */
const KNOWN_MAX_NAMES = 2_000;

function decide(name: string): AttributeKind {
  if (name === "style" || name === "_csstext") return "css";
  if (name === "value") return "value";
  if (name === "checked" || name === "selected") return "state";
  if (name === "name") return "field-name";
  if (name === "srcdoc" || name.startsWith("on")) return "invisible";
  if (LAYOUT.has(name)) return "layout";
  // rrweb's own geometry and media fields (rr_width, rr_scrollTop, rr_mediaState…), except its addresses.
  if (name.startsWith("rr_")) return URLS.has(name) ? "url" : "layout";
  if (URLS.has(name) || URL_SUFFIX.test(name)) return "url";
  if (SRCSETS.has(name) || name.endsWith("srcset")) return "srcset";
  if (WIDGET_STATES.has(name)) return "widget-state";
  return "text";
}

/** The kind of an attribute, by its name (case-insensitive, as HTML is). */
export function kindOf(name: string): AttributeKind {
  let kind = known.get(name);
  if (kind === undefined) {
    kind = decide(name.toLowerCase());
    if (known.size >= KNOWN_MAX_NAMES) known.clear();
    known.set(name, kind);
  }
  return kind;
}
