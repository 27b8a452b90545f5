import { EventType, IncrementalSource, NodeType } from "./events";
import { dataOf, isRecord, type ReplayEvent } from "./events";
import { neutralizeCss } from "./css-urls";
import { UNKNOWN_ELEMENT, neutralizeAttributes, type ElementKind } from "./element-urls";

/**
 * Rewrites recorded events before rrweb-player sees them so that replaying them makes the admin's
 * browser fetch nothing the recording names: no image (an inline stand-in keeps its box), font,
 * stylesheet, prefetch, preconnect, media, frame, form target or ping, same origin included
 * (issue 9 §5). A forged recording could otherwise make the admin's browser send requests with
 * the admin's cookies (behind Cloudflare Access, `/cdn-cgi/access/logout` signs the admin out) or
 * open connections to other ports. The admin page's CSP (worker/routes/pages.ts) is the second
 * line; this is the first, because browsers do not hold resource hints such as preconnect and
 * dns-prefetch to the CSP reliably, and a stand-in keeps an image's box where a refusal breaks it.
 *
 * Stateful, one per replay: a mutation names nodes by id, and whether an attribute fetches (or a
 * text is CSS) depends on the element it belongs to, learnt from earlier snapshots and mutations.
 * Feed it every event in order.
 */
export class UrlNeutralizer {
  private elements = new Map<number, ElementKind>();
  /** Text nodes seen outside a <style>: their text is shown as is (any other text may be CSS). */
  private plainTexts = new Set<number>();

  /** `event` with every fetchable URL rewritten (a copy; events that carry no markup or CSS as they are). */
  rewrite(event: ReplayEvent): ReplayEvent {
    if (!carriesMarkupOrCss(event)) return event;
    const copy = structuredClone(event);
    const data = dataOf(copy);
    if (copy.type === EventType.FullSnapshot) {
      // A full snapshot replaces the whole document, and the replayer forgets the old ids.
      this.elements.clear();
      this.plainTexts.clear();
      this.learn(data.node);
      this.rewriteNode(data.node, undefined);
    } else if (copy.type === EventType.IncrementalSnapshot) {
      this.rewriteIncremental(data);
    }
    return copy;
  }

  private rewriteIncremental(data: Record<string, unknown>) {
    switch (data.source) {
      case IncrementalSource.Mutation:
        return this.rewriteMutation(data);
      case IncrementalSource.StyleSheetRule:
        rewriteRules(data.adds);
        rewriteCssField(data, "replace");
        rewriteCssField(data, "replaceSync");
        return;
      case IncrementalSource.StyleDeclaration:
        if (isRecord(data.set)) rewriteCssField(data.set, "value");
        return;
      case IncrementalSource.AdoptedStyleSheet:
        for (const style of records(data.styles)) rewriteRules(style.rules);
        return;
      case IncrementalSource.Font:
        // Without `buffer`, `fontSource` is a CSS `src` descriptor: `url(…)` would be fetched.
        if (!data.buffer) rewriteCssField(data, "fontSource");
        return;
    }
  }

  private rewriteMutation(data: Record<string, unknown>) {
    const adds = records(data.adds);
    // Adds may list a child before its parent: learn every added element before rewriting any.
    for (const add of adds) this.learn(add.node);
    for (const add of adds) this.rewriteNode(add.node, typeof add.parentId === "number" ? this.elements.get(add.parentId) : undefined);
    for (const change of records(data.attributes)) {
      if (!isRecord(change.attributes)) continue;
      const el = (typeof change.id === "number" && this.elements.get(change.id)) || UNKNOWN_ELEMENT;
      const rewritten = neutralizeAttributes(el, change.attributes);
      change.attributes = rewritten;
      if (el.tag === "img") Object.assign(el, dimensions(rewritten, el));
    }
    for (const text of records(data.texts)) {
      // A text we never saw could be a <style>'s: rewrite it as CSS, which leaves prose alone.
      if (typeof text.id === "number" && this.plainTexts.has(text.id)) continue;
      if (text.value !== undefined && text.value !== null) text.value = neutralizeCss(String(text.value));
    }
  }

  /** Records the kind of every element under `node` (ids are what mutations refer to). */
  private learn(node: unknown) {
    if (!isRecord(node)) return;
    if (node.type === NodeType.Element && typeof node.id === "number") {
      const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
      const attrs = isRecord(node.attributes) ? node.attributes : {};
      this.elements.set(node.id, { tag, svg: node.isSVG === true, ...dimensions(attrs, undefined) });
    }
    for (const child of Array.isArray(node.childNodes) ? node.childNodes : []) this.learn(child);
  }

  /** Rewrites `node` and its subtree in place; `parent` is the element it is added to. */
  private rewriteNode(node: unknown, parent: ElementKind | undefined) {
    if (!isRecord(node)) return;
    if (node.type === NodeType.Text && typeof node.id === "number") {
      // Text under a <style> (or an unknown parent) is CSS; rrweb marks it with `isStyle` too.
      const isCss = node.isStyle === true || !parent || parent.tag === "style";
      if (isCss && node.textContent !== undefined && node.textContent !== null) node.textContent = neutralizeCss(String(node.textContent));
      if (isCss) this.plainTexts.delete(node.id);
      else this.plainTexts.add(node.id);
      return;
    }
    let kind = parent;
    if (node.type === NodeType.Element) {
      kind = (typeof node.id === "number" && this.elements.get(node.id)) || UNKNOWN_ELEMENT;
      if (isRecord(node.attributes)) node.attributes = neutralizeAttributes(kind, node.attributes);
    }
    for (const child of Array.isArray(node.childNodes) ? node.childNodes : []) this.rewriteNode(child, kind);
  }
}

/** Incremental sources whose data holds nodes, attributes or CSS. */
const REWRITTEN_SOURCES = new Set<unknown>([
  IncrementalSource.Mutation,
  IncrementalSource.StyleSheetRule,
  IncrementalSource.StyleDeclaration,
  IncrementalSource.AdoptedStyleSheet,
  IncrementalSource.Font,
]);

/** False for the many events (mouse moves, scrolls, inputs) that name no URL: they skip the copy. */
function carriesMarkupOrCss(event: ReplayEvent): boolean {
  return event.type === EventType.FullSnapshot || (event.type === EventType.IncrementalSnapshot && REWRITTEN_SOURCES.has(dataOf(event).source));
}

/** The record entries of a list (anything else in it is left for rrweb to ignore). */
function records(list: unknown): Record<string, unknown>[] {
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Rewrites `holder[field]` as CSS; the browser stringifies a non-string before parsing it. */
function rewriteCssField(holder: Record<string, unknown>, field: string) {
  const value = holder[field];
  if (value !== undefined && value !== null) holder[field] = neutralizeCss(String(value));
}

/** `[{ rule, index }]` of a StyleSheetRule or AdoptedStyleSheet event. */
function rewriteRules(rules: unknown) {
  for (const rule of records(rules)) rewriteCssField(rule, "rule");
}

/** An image's dimension attributes, from `attrs` where they are set, else as known before. */
function dimensions(attrs: Record<string, unknown>, known: ElementKind | undefined): Pick<ElementKind, "width" | "height"> {
  return { width: "width" in attrs ? attrs.width : known?.width, height: "height" in attrs ? attrs.height : known?.height };
}
