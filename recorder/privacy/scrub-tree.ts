import { NodeType } from "../../protocol/rrweb";
import { type ElementFacts, type ScrubSettings, scrubAttributes } from "./attributes";
import { matchesElement, tagOf } from "./dom";
import { maskText } from "./mask";
import type { PrivateLookup } from "./private-scope";
import { scrubSpecialText } from "./special-text";
import { RUN_BOUNDARY_TAGS, SerializedRun } from "./text-runs";

/** The parts of rrweb's serialized node this pass reads and rewrites. */
export interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: string;
  /** The element has a shadow root (serialized among its children, marked isShadow). */
  isShadowHost?: boolean;
  isShadow?: boolean;
}

/** What the scrubber needs from the page: rrweb's id↔node mirror and the combined mask selector. */
export interface ScrubContext extends ScrubSettings {
  maskSelector: string;
  getNode(id: number): Node | null;
  /** rrweb's id of a node (-1 when it has none). */
  getId(node: Node): number;
}

function hasKeys(record: Record<string, unknown>): boolean {
  for (const _ in record) return true;
  return false;
}

function asElement(node: Node | null): Element | null {
  return node && node.nodeType === 1 ? (node as Element) : null;
}

/** What scrubAttributes needs to know about an element: from the DOM when rrweb's mirror has it, else from its serialized attributes. */
export function factsOf(node: Node | null, tag: string, isPrivate: boolean, attrs?: Record<string, unknown>): ElementFacts {
  const el = asElement(node);
  const type = el?.getAttribute("type") ?? attrs?.type;
  const role = el?.getAttribute("role") ?? attrs?.role;
  const password = el?.hasAttribute("data-rr-is-password") || attrs?.["data-rr-is-password"] !== undefined;
  return {
    tag,
    private: isPrivate,
    inputType: password ? "password" : typeof type === "string" ? type.toLowerCase() : null,
    role: typeof role === "string" ? role : null,
  };
}

/** Whether a serialized node is private, given whether its parent is and whether that parent is a shadow host. */
export type PrivacyDecision = (node: SerializedNode, inPrivate: boolean, parentIsHost: boolean) => boolean;

/**
 * Privacy from the DOM (rrweb's mirror): a private element and everything in it, a frame's private
 * document, a host's light child slotted into a private element.
 */
function fromDom(ctx: ScrubContext, isPrivate: PrivateLookup): PrivacyDecision {
  return (node, inPrivate, parentIsHost) => {
    if (inPrivate) return true;
    const dom = ctx.getNode(node.id);
    // A host's own (light) children are shown where its shadow tree puts their slot, maybe inside a private element.
    if (parentIsHost && !node.isShadow && dom !== null && isPrivate(dom)) return true;
    if (node.type === NodeType.Element) return matchesElement(dom, ctx.maskSelector);
    // A frame's document: private through its <iframe>, or as a whole in designMode.
    return node.type === NodeType.Document && dom !== null && isPrivate(dom);
  };
}

/**
 * The part of scrubbing a serialized subtree that reads the DOM, done now: it must run while the
 * DOM is the one rrweb serialized, in the same task. The decision it returns lets rewriteTree run
 * later on the serialized tree alone.
 */
export function decidePrivate(root: SerializedNode, parentPrivate: boolean, ctx: ScrubContext, isPrivate: PrivateLookup): PrivacyDecision {
  const decide = fromDom(ctx, isPrivate);
  // The document's own tree is matched by one querySelectorAll, not a matches() call per element
  // (each looks the long selector up again), and by rrweb id, so the walk reads no DOM there;
  // shadow trees and other documents keep matches().
  const rootDom = ctx.getNode(root.id);
  let matched: Set<number> | null = null;
  if (rootDom?.nodeType === 9) {
    matched = new Set();
    for (const el of (rootDom as Document).querySelectorAll(ctx.maskSelector)) matched.add(ctx.getId(el));
  }
  const found = new Set<SerializedNode>();
  // Recursive like rrweb's serializer, which made this tree: no deeper than it went.
  const visit = (node: SerializedNode, inPrivate: boolean, parentIsHost: boolean, inDocumentTree: boolean): void => {
    let nodePrivate: boolean;
    if (inPrivate) nodePrivate = true;
    else if (parentIsHost) nodePrivate = decide(node, false, true);
    else if (node.type === NodeType.Element) nodePrivate = matched && inDocumentTree ? matched.has(node.id) : decide(node, false, false);
    else nodePrivate = node.type === NodeType.Document && decide(node, false, false);
    // Inside a private node every node is private anyway (the decision says so from inPrivate).
    if (nodePrivate && !inPrivate) found.add(node);
    const children = node.childNodes;
    if (!children) return;
    const host = node.isShadowHost === true;
    for (const child of children) visit(child, nodePrivate, host, inDocumentTree && child.isShadow !== true && child.type !== NodeType.Document);
  };
  visit(root, parentPrivate, false, matched !== null);
  return (node, inPrivate) => inPrivate || found.has(node);
}

/**
 * Rewrites a serialized subtree in place with privacy as `decide` says (reading no DOM itself).
 * Attributes are scrubbed element by element; ordinary text is pattern-redacted a run at a time
 * (text-runs), private text masked.
 */
export function rewriteTree(root: SerializedNode, parentPrivate: boolean, parentTag: string, ctx: ScrubSettings, decide: PrivacyDecision): void {
  const run = new SerializedRun<SerializedNode>();
  // Recursive like rrweb's serializer, which made this tree (no deeper than it went), in document
  // order: text runs need the nodes in the order they read.
  const visit = (node: SerializedNode, inPrivate: boolean, parent: string, owner: SerializedNode | null, parentIsHost: boolean): void => {
    const nodePrivate = decide(node, inPrivate, parentIsHost);
    if (node.type === NodeType.Text) {
      const text = node.textContent;
      if (!text) return;
      const special = scrubSpecialText(parent, text, inPrivate, ctx.allowedParams);
      if (special === null && !nodePrivate && !ctx.maskAllText) {
        run.add(node, owner);
        return;
      }
      run.end();
      node.textContent = special ?? maskText(text);
      return;
    }
    let tag = parent;
    let childOwner = owner;
    if (node.type === NodeType.Element) {
      tag = (node.tagName ?? "").toLowerCase();
      // A serialized element carries all its attributes as the DOM has them now: no DOM reads needed.
      if (node.attributes) scrubAttributes(node.attributes, factsOf(null, tag, nodePrivate, node.attributes), ctx);
      if (RUN_BOUNDARY_TAGS.has(tag) || node.isShadowHost) {
        run.end();
        childOwner = node;
      } else if (nodePrivate !== inPrivate) run.end(); // A private inline element: text does not run through it.
    } else if (node.type === NodeType.Document) {
      run.end();
      childOwner = node;
    }
    const children = node.childNodes;
    if (!children) return;
    const host = node.isShadowHost === true;
    for (const child of children) visit(child, nodePrivate, tag, childOwner, host);
  };
  visit(root, parentPrivate, parentTag, null, false);
  run.end();
}

/**
 * Scrubs a node a mutation adds (rrweb adds most nodes one by one, a frame's document whole) in one
 * pass, reading privacy from the DOM as it goes. The node itself is judged by the lookup, which
 * follows slots (a host's light child is shown where its slot is, maybe inside a private element)
 * and remembers the answer for the rest of the event (its own children's adds ask it again).
 */
export function scrubAddedTree(root: SerializedNode, parent: Node | null, ctx: ScrubContext, isPrivate: PrivateLookup): void {
  const dom = ctx.getNode(root.id);
  const rootPrivate = isPrivate(dom ?? parent);
  // rrweb adds most nodes one by one, an element without its children: its attributes are all
  // there is to rewrite (a re-sorted table is thousands of these in one event).
  if (root.type === NodeType.Element && !root.childNodes?.length) {
    const attrs = root.attributes;
    if (attrs && hasKeys(attrs)) scrubAttributes(attrs, factsOf(null, (root.tagName ?? "").toLowerCase(), rootPrivate, attrs), ctx);
    return;
  }
  const below = fromDom(ctx, isPrivate);
  const decide: PrivacyDecision = (node, inPrivate, parentIsHost) => (node === root ? rootPrivate : below(node, inPrivate, parentIsHost));
  rewriteTree(root, isPrivate(parent), tagOf(parent), ctx, decide);
}
