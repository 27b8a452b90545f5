import { NodeType } from "../../../protocol/rrweb";
import { attributeKind } from "./attribute-kinds";
import type { Redactor } from "./redactor";
import { scanCss, scanCssValue } from "./scan-css";

/** What one scan carries from event to event. */
export interface ScanContext {
  redactor: Redactor;
  /**
   * Ids of `<style>` elements and of their text nodes seen so far in this upload: a later text
   * mutation of one of them is CSS, and gets the CSS scan rather than the text patterns.
   */
  styleIds: Set<number>;
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One attribute value, through the redactor its name calls for (see attribute-kinds). */
export function scanAttributeValue(name: string, value: string, r: Redactor): string {
  switch (attributeKind(name)) {
    case "url":
      return r.url(value);
    case "srcset":
      return r.srcset(value);
    case "url-list":
      return r.urlList(value);
    case "css":
      return scanCss(value, r);
    case "keep":
      return value;
    default:
      return r.text(value);
  }
}

/** rrweb sends a changed `style` attribute as `{ property: value | [value, priority] | false }`. */
function scanStyleDiff(diff: Record<string, unknown>, r: Redactor): void {
  for (const property of Object.keys(diff)) {
    const value = diff[property];
    if (typeof value === "string") diff[property] = scanCssValue(property, value, r);
    else if (Array.isArray(value) && typeof value[0] === "string") value[0] = scanCssValue(property, value[0], r);
  }
}

/** Scans an element's attributes in place (a snapshot node's, or the changed ones of a mutation); numbers, booleans and null pass. */
export function scanAttributes(attributes: Record<string, unknown>, r: Redactor): void {
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (typeof value === "string") {
      if (value) attributes[name] = scanAttributeValue(name, value, r);
    } else if (isRecord(value) && attributeKind(name) === "css") {
      scanStyleDiff(value, r);
    }
  }
}

/**
 * Scans a serialized node and everything under it in place (a full snapshot's document, a
 * mutation's added node): text and comments by pattern, `<style>` text as CSS, every attribute by
 * its kind. Ids, types and tag names are never touched. Iterative, so no page is too deep for it.
 */
export function scanNode(root: unknown, ctx: ScanContext, inStyle: boolean): void {
  const stack: Array<[unknown, boolean]> = [[root, inStyle]];
  while (stack.length > 0) {
    const [node, parentIsStyle] = stack.pop() ?? [null, false];
    if (!isRecord(node)) continue;
    const id = typeof node.id === "number" ? node.id : null;
    let childrenInStyle = false;
    if (node.type === NodeType.Element) {
      if (isRecord(node.attributes)) scanAttributes(node.attributes, ctx.redactor);
      childrenInStyle = typeof node.tagName === "string" && node.tagName.toLowerCase() === "style";
      if (childrenInStyle && id !== null) ctx.styleIds.add(id);
    } else if (typeof node.textContent === "string") {
      // rrweb marks a style element's text `isStyle`; a text added under a known <style> is CSS too
      // (also when empty: its content may come in a later text mutation).
      const css = parentIsStyle || node.isStyle === true;
      if (css && id !== null) ctx.styleIds.add(id);
      if (node.textContent) node.textContent = css ? scanCss(node.textContent, ctx.redactor) : ctx.redactor.text(node.textContent);
    }
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push([child, childrenInStyle]);
  }
}
