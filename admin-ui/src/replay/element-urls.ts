import { neutralizeCss } from "./css-urls";
import { isFragmentRef, isInlineImage, placeholderImage } from "./safe-urls";

// Rewrites the attributes of one recorded element so that rebuilding it fetches nothing: an image
// keeps its box with an inline stand-in, everything else that would load, prefetch, connect,
// navigate a frame or name a form target loses the URL (issue 9 §5).

/** What the rewriting knows of an element: its tag (lower case, "" when unknown) and namespace. */
export interface ElementKind {
  tag: string;
  svg: boolean;
  /** For images: the recorded dimension attributes, so a later `src` change keeps the box. */
  width?: unknown;
  height?: unknown;
}

/** An element the recording never showed (a mutation of a node we did not see): assume the worst. */
export const UNKNOWN_ELEMENT: ElementKind = Object.freeze({ tag: "", svg: false });

/**
 * Attributes that load or send something and have no safe value worth keeping: sources and
 * candidates (`srcset`), posters, frame documents, form targets, pings, legacy backgrounds,
 * plugin data, Attribution Reporting (`attributionsrc` sends a request of its own).
 */
const ALWAYS_DROPPED = new Set([
  "srcset",
  "imagesrcset",
  "imagesizes",
  "poster",
  "srcdoc",
  "action",
  "formaction",
  "ping",
  "background",
  "manifest",
  "codebase",
  "archive",
  "classid",
  "lowsrc",
  "dynsrc",
  "longdesc",
  "attributionsrc",
]);
/** Elements whose `src` is an image: it gets an inline stand-in instead. */
const IMAGE_SRC = new Set(["img", "input"]);
/** Elements that embed a plugin or a document: nothing of theirs may load. */
const PLUGINS = new Set(["object", "embed"]);
/** SVG elements whose `href` draws an image (a `data:` one may stay). */
const SVG_IMAGE_HREF = new Set(["image", "feimage"]);

type Rewrite = { keep: true; value: unknown } | { keep: false };
const keep = (value: unknown): Rewrite => ({ keep: true, value });
const DROP: Rewrite = { keep: false };

/** What rrweb would turn a non-string value into before `setAttribute` (`true` is ""). */
function asText(value: unknown): string {
  return value === true ? "" : String(value);
}

/** A `style` value: CSS text, or (in a mutation) an object of property values, some `[value, priority]`. */
function neutralizeStyle(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return neutralizeCss(asText(value));
  const out: Record<string, unknown> = {};
  for (const [prop, v] of Object.entries(value)) {
    if (Array.isArray(v)) out[prop] = [neutralizeCss(asText(v[0])), ...v.slice(1)];
    else out[prop] = v === false ? false : neutralizeCss(asText(v));
  }
  return out;
}

function rewriteHref(el: ElementKind, value: unknown): Rewrite {
  // Links are followed only when clicked, and the replay takes no clicks: they stay, for fidelity.
  if (el.tag === "a" || (el.tag === "area" && !el.svg)) return keep(value);
  if (el.svg && (isFragmentRef(value) || (SVG_IMAGE_HREF.has(el.tag) && isInlineImage(value)))) return keep(value);
  return DROP;
}

function rewrite(el: ElementKind, name: string, value: unknown, attrs: Record<string, unknown>): Rewrite {
  // `null` removes an attribute in a mutation: removing never fetches.
  if (value === null) return keep(value);
  if (name === "style") return keep(neutralizeStyle(value));
  // rrweb rebuilds a <style> only from a string `_cssText`; anything else would be a plain attribute.
  if (name === "_csstext") return typeof value === "string" ? keep(neutralizeCss(value)) : DROP;
  if (ALWAYS_DROPPED.has(name)) return DROP;
  if (name === "src") {
    if (!IMAGE_SRC.has(el.tag)) return DROP;
    return keep(isInlineImage(value) ? value : placeholderImage(attrs.width ?? el.width, attrs.height ?? el.height));
  }
  // rrweb draws an image's or a canvas's recorded pixels from this; only inline ones may stay.
  if (name === "rr_dataurl") return isInlineImage(value) ? keep(value) : DROP;
  if (name === "data" && (el.tag === "object" || el.tag === "")) return DROP;
  // A plugin element with a type still asks to load (its own page's URL, when it has none).
  if (name === "type" && PLUGINS.has(el.tag)) return DROP;
  if (name === "href" || name.endsWith(":href")) return rewriteHref(el, value);
  if (name === "http-equiv" && (el.tag === "meta" || el.tag === "") && asText(value).trim().toLowerCase() === "refresh") return DROP;
  // SVG presentation attributes are CSS (`fill="url(other.svg#g)"` loads that file); rrweb
  // stringifies other values before setting them.
  if (el.svg || el.tag === "") return keep(neutralizeCss(asText(value)));
  return keep(value);
}

/**
 * `attrs` (a snapshot's attributes, or the changed ones of a mutation) without anything that
 * would make the browser fetch, for an element of kind `el`.
 */
export function neutralizeAttributes(el: ElementKind, attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attrs)) {
    const result = rewrite(el, name.toLowerCase(), value, attrs);
    if (result.keep) out[name] = result.value;
  }
  return out;
}
