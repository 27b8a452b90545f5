/**
 * Markers that users of other replay tools already put in their pages, honoured as-is so that a
 * page prepared for rrweb, Sentry, PostHog, OpenReplay, LogRocket, FullStory, Hotjar or Clarity
 * stays private here too.
 */

/** Elements whose text and attribute values are masked (children and shadow roots included). */
export const MASK_SELECTORS: readonly string[] = [
  "[data-private]:not([data-private=false])", // ours, and LogRocket's
  ".rr-mask", // rrweb
  ".sentry-mask",
  "[data-sentry-mask]",
  "[data-openreplay-obscured]",
  "[data-openreplay-masked]",
  ".fs-mask", // FullStory
  "[data-hj-suppress]", // Hotjar
  "[data-clarity-mask=true]", // Microsoft Clarity
  // Text a user types is input, masked like every other field: rich editors, text areas, and
  // computed results shown in <output>.
  "[contenteditable]:not([contenteditable=false])",
  "textarea",
  "output",
  // Code editors draw what is typed into plain elements of their own, not into a field.
  ".ace_editor",
  ".cm-editor", // CodeMirror 6
  ".CodeMirror", // CodeMirror 5
  ".monaco-editor",
];

/** Elements not recorded at all: the replay shows an empty box of the same size. */
export const BLOCK_SELECTORS: readonly string[] = [
  ".rr-block",
  "[data-replay-block]",
  ".sentry-block",
  "[data-sentry-block]",
  ".ph-no-capture", // PostHog
  "[data-openreplay-hidden]",
  ".fs-exclude",
];

/** Inputs whose typing is not recorded at all (rrweb's ignore). */
export const IGNORE_CLASS = "rr-ignore";
export const IGNORE_SELECTORS: readonly string[] = [".rr-ignore", ".sentry-ignore", "[data-sentry-ignore]", "[data-openreplay-ignore]"];

/** The selectors the browser cannot parse. A bad configured selector must not silently unmask its elements, so the caller refuses to record. */
export function findInvalidSelectors(selectors: readonly string[], doc: Document): string[] {
  const probe = doc.createElement("div");
  return selectors.filter((s) => {
    try {
      probe.matches(s);
      return false;
    } catch {
      return true;
    }
  });
}
