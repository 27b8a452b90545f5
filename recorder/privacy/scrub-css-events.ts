import { redactCss, redactCssValue } from "../../protocol/redact-css";
import { IncrementalSource } from "../../protocol/rrweb";
import type { PrivateLookup } from "./private-scope";
import { isRecord } from "./records";
import type { ScrubContext } from "./scrub-tree";

function scrubRules(rules: unknown, isPrivate: boolean, ctx: ScrubContext): void {
  if (!Array.isArray(rules)) return;
  for (const r of rules) if (isRecord(r) && typeof r.rule === "string") r.rule = redactCss(r.rule, ctx.allowedParams, isPrivate);
}

/**
 * Scrubs the CSSOM's incremental records (rules inserted or replaced, declarations set through
 * `style.setProperty`, constructed sheets adopted by a document or shadow root) like any CSS text.
 * A record names its <style> element (or the adopting host) by id; a constructed sheet has none,
 * and is judged as outside private elements.
 */
export function scrubCssEvent(data: Record<string, unknown>, ctx: ScrubContext, isPrivate: PrivateLookup): void {
  const owner = typeof data.id === "number" ? isPrivate(ctx.getNode(data.id)) : false;
  if (data.source === IncrementalSource.StyleSheetRule) {
    scrubRules(data.adds, owner, ctx);
    if (typeof data.replace === "string") data.replace = redactCss(data.replace, ctx.allowedParams, owner);
    if (typeof data.replaceSync === "string") data.replaceSync = redactCss(data.replaceSync, ctx.allowedParams, owner);
  } else if (data.source === IncrementalSource.StyleDeclaration) {
    const set = data.set;
    if (isRecord(set) && typeof set.property === "string" && typeof set.value === "string")
      set.value = redactCssValue(set.property, set.value, ctx.allowedParams, owner);
  } else if (data.source === IncrementalSource.AdoptedStyleSheet && Array.isArray(data.styles)) {
    for (const style of data.styles) if (isRecord(style)) scrubRules(style.rules, owner, ctx);
  }
}
