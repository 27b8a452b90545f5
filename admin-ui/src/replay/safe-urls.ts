// Which recorded URLs a replay may keep: those the browser resolves without a request.

/** A 1×1 transparent GIF: stands in for an image the replay must not fetch. */
export const PLACEHOLDER_IMAGE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

/** A dimension attribute as the browser reads it for an image ("120", "120px"), else null. */
function pixels(value: unknown): number | null {
  const match = typeof value === "string" || typeof value === "number" ? /^\s*(\d{1,5})(?:\.\d+)?(?:px)?\s*$/.exec(String(value)) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The stand-in for an image that is not fetched. With both dimension attributes it is an empty
 * SVG of that size, so the box keeps the recorded aspect ratio even where CSS sets `height:auto`
 * (a 1×1 image would make it square); otherwise the transparent GIF.
 */
export function placeholderImage(width: unknown, height: unknown): string {
  const w = pixels(width);
  const h = pixels(height);
  if (w === null || h === null || w === 0 || h === 0) return PLACEHOLDER_IMAGE;
  return `data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='${w}' height='${h}'/%3E`;
}

/** The URL as the URL parser sees it: tabs and newlines removed, C0 controls and spaces trimmed. */
function normalized(url: string): string {
  return url
    .replace(/[\t\n\r]/g, "")
    .replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "")
    .toLowerCase();
}

/** True for a `data:` image (an SVG one included: as an image it loads nothing itself). */
export function isInlineImage(url: unknown): boolean {
  return typeof url === "string" && normalized(url).startsWith("data:image/");
}

/** True for a URL in CSS that loads nothing: `data:` or a reference into the document (`#clip`). */
export function isInlineCssUrl(url: string): boolean {
  const n = normalized(url);
  return n.startsWith("data:") || n.startsWith("#");
}

/** True for an SVG reference into the same document (`<use href="#icon">`). */
export function isFragmentRef(url: unknown): boolean {
  return typeof url === "string" && normalized(url).startsWith("#");
}
