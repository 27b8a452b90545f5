import type { attributes, documentNode, elementNode, serializedNodeWithId, textNode } from "@rrweb/types";
import { EventType, IncrementalSource, NodeType } from "../../protocol/rrweb.ts";

/** A node of rrweb's serialized DOM, as a full snapshot carries it. */
export type SnapNode = serializedNodeWithId;
type WithId<T> = T & { id: number };

/** Serialized nodes numbered 1, 2, … in the order they are made (so a child before its parent). */
export function nodeBuilder() {
  let id = 1;
  const el = (tagName: string, attrs: attributes = {}, childNodes: SnapNode[] = [], extra: Pick<elementNode, "isSVG"> = {}): WithId<elementNode> => ({
    type: NodeType.Element,
    tagName,
    attributes: attrs,
    childNodes,
    id: id++,
    ...extra,
  });
  const text = (textContent: string, extra: Pick<textNode, "isStyle"> = {}): WithId<textNode> => ({ type: NodeType.Text, textContent, id: id++, ...extra });
  /** The document node: a doctype, then `html`. */
  const doc = (html: SnapNode): WithId<documentNode> => ({
    type: NodeType.Document,
    childNodes: [{ type: NodeType.DocumentType, name: "html", publicId: "", systemId: "", id: id++ }, html],
    id: id++,
  });
  return { el, text, doc };
}

/** Serialized nodes with the ids a test chooses (to refer to them in later events). */
export function numberedNodes() {
  const el = (id: number, tagName: string, attrs: attributes = {}, childNodes: SnapNode[] = []): WithId<elementNode> => ({
    type: NodeType.Element,
    id,
    tagName,
    attributes: attrs,
    childNodes,
  });
  const text = (id: number, textContent: string, extra: Pick<textNode, "isStyle"> = {}): WithId<textNode> => ({
    type: NodeType.Text,
    id,
    textContent,
    ...extra,
  });
  return { el, text };
}

/** How a recording of `href` starts at `start`: its Meta event, then the full snapshot of `doc` 10 ms on. */
export function pageLoad(start: number, href: string, doc: SnapNode) {
  return [
    { type: EventType.Meta, timestamp: start, data: { href, width: 1000, height: 600 } },
    { type: EventType.FullSnapshot, timestamp: start + 10, data: { node: doc, initialOffset: { top: 0, left: 0 } } },
  ];
}

/** The data of an adopted-stylesheet event: sheet 1, holding `rules`, adopted by the document (node 1). */
export function adoptedSheet(...rules: string[]) {
  return { source: IncrementalSource.AdoptedStyleSheet, id: 1, styleIds: [1], styles: [{ styleId: 1, rules: rules.map((rule) => ({ rule })) }] };
}
