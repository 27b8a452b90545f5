import type { MetricIncrement } from "../../db/metrics-queries";
import { EventType, IncrementalSource } from "../../../protocol/rrweb";
import type { Upload } from "../parse-upload";
import { type RedactionCounts, Redactor, SERVER_ALLOWED_PARAMS } from "./redactor";
import { scanCss, scanCssValue } from "./scan-css";
import { isRecord, type ScanContext, scanAttributes, scanNode } from "./scan-node";
import { scanPayload } from "./scan-payload";

export type { RedactionCounts } from "./redactor";

/** Incremental sources made of numbers only (pointer, scroll, viewport, media, selection): nothing to scan. */
const NUMERIC_SOURCES: ReadonlySet<unknown> = new Set([
  IncrementalSource.MouseMove,
  IncrementalSource.MouseInteraction,
  IncrementalSource.Scroll,
  IncrementalSource.ViewportResize,
  IncrementalSource.TouchMove,
  IncrementalSource.MediaInteraction,
  IncrementalSource.Drag,
  IncrementalSource.Selection,
]);

/** rrweb's own fields of an event; any other field a client adds is stored too, so it is scanned as free-form data. */
const EVENT_FIELDS: ReadonlySet<string> = new Set(["type", "data", "timestamp", "delay"]);

function eachRecord(list: unknown, visit: (item: Record<string, unknown>) => void): void {
  if (Array.isArray(list)) for (const item of list) if (isRecord(item)) visit(item);
}

function scanMutation(data: Record<string, unknown>, ctx: ScanContext): void {
  // Adds first: a <style> added here is known when a text change below names its text node.
  eachRecord(data.adds, (add) => scanNode(add.node, ctx, typeof add.parentId === "number" && ctx.styleIds.has(add.parentId)));
  eachRecord(data.texts, (text) => {
    if (typeof text.value !== "string" || !text.value) return;
    const css = typeof text.id === "number" && ctx.styleIds.has(text.id);
    text.value = css ? scanCss(text.value, ctx.redactor) : ctx.redactor.text(text.value);
  });
  eachRecord(data.attributes, (change) => {
    if (isRecord(change.attributes)) scanAttributes(change.attributes, ctx.redactor);
  });
}

/** CSSOM rule lists ({ rule, index }) of StyleSheetRule adds and AdoptedStyleSheet styles. */
function scanRules(rules: unknown, ctx: ScanContext): void {
  eachRecord(rules, (rule) => {
    if (typeof rule.rule === "string") rule.rule = scanCss(rule.rule, ctx.redactor);
  });
}

function scanIncremental(data: Record<string, unknown>, ctx: ScanContext): void {
  const r = ctx.redactor;
  switch (data.source) {
    case IncrementalSource.Mutation:
      scanMutation(data, ctx);
      return;
    case IncrementalSource.Input:
      if (typeof data.text === "string") data.text = r.text(data.text);
      return;
    case IncrementalSource.StyleSheetRule:
      scanRules(data.adds, ctx);
      for (const key of ["replace", "replaceSync"]) {
        const css = data[key];
        if (typeof css === "string") data[key] = scanCss(css, r);
      }
      return;
    case IncrementalSource.StyleDeclaration:
      if (isRecord(data.set) && typeof data.set.property === "string" && typeof data.set.value === "string") {
        data.set.value = scanCssValue(data.set.property, data.set.value, r);
      }
      return;
    case IncrementalSource.AdoptedStyleSheet:
      eachRecord(data.styles, (style) => scanRules(style.rules, ctx));
      return;
    case IncrementalSource.Font:
      if (typeof data.family === "string") data.family = r.text(data.family);
      // With `buffer` the source is the font's bytes in base64, otherwise its URL.
      if (typeof data.fontSource === "string" && data.buffer !== true) data.fontSource = r.url(data.fontSource);
      return;
    default:
      // Canvas commands, console logs, custom elements and sources rrweb may add: every string.
      if (!NUMERIC_SOURCES.has(data.source)) scanPayload(data, r);
  }
}

function scanExtraFields(event: Record<string, unknown>, r: Redactor): void {
  for (const key of Object.keys(event)) {
    if (EVENT_FIELDS.has(key)) continue;
    const value = event[key];
    if (typeof value === "string") event[key] = r.text(value);
    else scanPayload(value, r);
  }
}

/**
 * The server's own privacy pass (defence in depth, issue 9 §6): one walk over every event of an
 * accepted upload, before it is stored, applying the shared patterns again, so a recorder that is
 * old, misconfigured or not ours cannot store what ours would have redacted. Text nodes, every
 * attribute, CSS (stylesheets, style attributes and diffs, CSSOM events), input values, Meta and
 * navigation URLs, free-form payloads and `meta.url` are scanned in place; structure, ids and
 * numbers are kept and only matching substrings become the shared placeholders, so what a current
 * recorder sends comes out unchanged. Returns what it replaced, by class.
 */
export function scanUpload(upload: Upload, allowedParams: ReadonlySet<string> = SERVER_ALLOWED_PARAMS): RedactionCounts {
  const ctx: ScanContext = { redactor: new Redactor(allowedParams), styleIds: new Set() };
  for (const event of upload.events) {
    const data: unknown = event.data;
    if (!isRecord(data)) continue;
    if (event.type === EventType.FullSnapshot) scanNode(data.node, ctx, false);
    else if (event.type === EventType.IncrementalSnapshot) scanIncremental(data, ctx);
    else if (event.type === EventType.Meta && typeof data.href === "string") data.href = ctx.redactor.url(data.href);
    else scanPayload(data, ctx.redactor);
    scanExtraFields(event, ctx.redactor);
  }
  if (upload.meta?.url) upload.meta.url = ctx.redactor.url(upload.meta.url);
  return ctx.redactor.counts;
}

/** The counts as the `server_redactions` counter, one label per class, for the upload's own metrics write. */
export function redactionMetrics(counts: RedactionCounts): MetricIncrement[] {
  return Object.entries(counts).map(([label, value]) => ({ name: "server_redactions", label, value }));
}
