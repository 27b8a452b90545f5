import type { StoredChunk } from "../rig.ts";

/** A stored rrweb event, as read back. */
export type StoredEvent = StoredChunk["events"][number];

interface Node {
  id: number;
  type: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: Node[];
  textContent?: string;
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "number" && typeof (v as { type?: unknown }).type === "number";
}

/** The forms a leaked needle may take in storage: as placed, lower-cased, percent-encoded, digits only (for long numbers). */
export function variantsOf(needle: string): string[] {
  const v = new Set([needle, needle.toLowerCase(), encodeURIComponent(needle), encodeURIComponent(needle).toLowerCase()]);
  const digits = needle.replace(/\D/g, "");
  if (digits.length >= 9) v.add(digits);
  return [...v];
}

/** Every string value inside the events, decoded from JSON (so escapes cannot hide a needle). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** Every serialized node: full snapshots' trees and the nodes mutations add. */
export function allNodes(events: StoredEvent[]): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown) => {
    if (!isNode(n)) return;
    out.push(n);
    for (const c of n.childNodes ?? []) walk(c);
  };
  for (const e of events) {
    if (e.type === 2) walk(e.data.node);
    if (e.type === 3 && e.data.source === 0 && Array.isArray(e.data.adds)) for (const add of e.data.adds) walk((add as { node?: unknown }).node);
  }
  return out;
}

/** The rrweb ids of elements whose id attribute is `htmlId`. */
export function idsOf(events: StoredEvent[], htmlId: string): number[] {
  return allNodes(events)
    .filter((n) => n.attributes?.id === htmlId)
    .map((n) => n.id);
}

/** The text of an element as the first full snapshot holds it (its text nodes joined). */
export function snapshotTextOf(events: StoredEvent[], htmlId: string): string {
  const snapshot = events.find((e) => e.type === 2);
  let found: Node | undefined;
  const find = (n: unknown) => {
    if (!isNode(n) || found) return;
    if (n.attributes?.id === htmlId) found = n;
    else for (const c of n.childNodes ?? []) find(c);
  };
  find(snapshot?.data.node);
  return found ? textsIn(found).join("") : "";
}

function textsIn(n: Node, out: string[] = []): string[] {
  if (n.type === 3) out.push(n.textContent ?? "");
  for (const c of n.childNodes ?? []) textsIn(c, out);
  return out;
}

function idsIn(n: Node, out = new Set<number>()): Set<number> {
  out.add(n.id);
  for (const c of n.childNodes ?? []) idsIn(c, out);
  return out;
}

/**
 * The text that mutations wrote into a frame's document after it was attached (the frame found by
 * a text it holds at load): text changes of its nodes and text nodes added under them.
 */
export function frameTexts(events: StoredEvent[], loadText: string): string[] {
  const doc = allNodes(events).find((n) => n.type === 0 && textsIn(n).some((t) => t.includes(loadText)));
  if (!doc) return [];
  const ids = idsIn(doc);
  const out: string[] = [];
  for (const e of events) {
    if (e.type !== 3 || e.data.source !== 0) continue;
    for (const t of (e.data.texts ?? []) as Array<{ id: number; value: string }>) if (ids.has(t.id)) out.push(t.value);
    for (const a of (e.data.adds ?? []) as Array<{ parentId: number; node: Node }>) {
      if (!ids.has(a.parentId)) continue;
      idsIn(a.node, ids);
      out.push(...textsIn(a.node));
    }
  }
  return out.filter((t) => t.trim());
}

/** The Input events recorded for an element (by its id attribute). */
export function inputsOf(events: StoredEvent[], htmlId: string): Array<{ text?: unknown; isChecked?: unknown }> {
  const ids = new Set(idsOf(events, htmlId));
  return events.filter((e) => e.type === 3 && e.data.source === 5 && ids.has(e.data.id as number)).map((e) => e.data);
}
