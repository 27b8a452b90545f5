import { redactUrl } from "./redact-url";

/** Longest page URL kept (as the session index keeps URLs). */
export const PAGE_URL_MAX_CHARS = 2_048;

/**
 * A page's heatmap URL (contract §12): a Meta href without query or fragment, redacted by the one
 * URL policy (a path segment holding an e-mail or a token is replaced), so the worker keys clicks
 * and the admin UI finds the page's frame by the same string.
 */
export function toPageUrl(href: string): string {
  const end = href.search(/[?#]/);
  return redactUrl(end < 0 ? href : href.slice(0, end)).slice(0, PAGE_URL_MAX_CHARS);
}
