import { redactCss } from "../../protocol/redact-css";

/**
 * Text whose parent gives it another meaning than words on the page: CSS inside <style> (redacted
 * as CSS), script source (rrweb writes a placeholder), and <noscript> content, which the page never
 * shows while scripts run (so it is dropped: it often holds tracking URLs with ids). Returns null
 * for ordinary text.
 */
export function scrubSpecialText(parentTag: string, text: string, isPrivate: boolean, allowed: ReadonlySet<string>): string | null {
  if (parentTag === "style") return redactCss(text, allowed, isPrivate);
  if (parentTag === "script") return text;
  if (parentTag === "noscript") return "";
  return null;
}
