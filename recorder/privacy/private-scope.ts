/**
 * Whether DOM nodes are inside a private subtree. Private is more than `closest(selector)`:
 * a node is also private when it is shown inside a private element through a slot, when its
 * shadow root's host is private, when its document is a same-origin frame whose <iframe> is
 * private, and when its document is in designMode (the whole document is an editor).
 */

/** Answers for one event: each node is decided once, however many added nodes share it. */
export type PrivateLookup = (node: Node | null) => boolean;

function slotOf(node: Node): Element | null {
  // Elements and text nodes are slottable; the slot is null unless the parent is an open shadow host.
  return node.nodeType === 1 || node.nodeType === 3 ? (node as Element | Text).assignedSlot : null;
}

function frameOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null; // A frame of another origin: its element is not ours to see.
  }
}

/** A lookup for one event (its memory is dropped with it, so a node that moves later is judged again). */
export function createPrivateLookup(selector: string): PrivateLookup {
  const memo = new Map<Node, boolean>();

  /**
   * An element is private when it matches the selector itself, when its parent is (an ancestor,
   * a private shadow host or frame, a designMode document above it), or when the slot it is shown
   * in is. Unknown ancestors are decided top-down, so each element costs one `matches()` rather
   * than a `closest()` walk of its own (a re-sorted table adds thousands of cells under one parent).
   */
  function elementPrivate(el: Element): boolean {
    const chain: Element[] = [];
    let cur: Node | null = el;
    let inherited = false;
    while (cur) {
      const known = memo.get(cur);
      if (known !== undefined) {
        inherited = known;
        break;
      }
      if (cur.nodeType !== 1) {
        // The root of its tree: a document or shadow root (lookup knows their rules).
        inherited = lookup(cur);
        break;
      }
      chain.push(cur as Element);
      cur = cur.parentNode;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const e = chain[i];
      if (!inherited) {
        const slot = slotOf(e);
        inherited = e.matches(selector) || (slot !== null && lookup(slot));
      }
      memo.set(e, inherited);
    }
    return inherited;
  }

  function lookup(node: Node | null): boolean {
    if (!node) return false;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let result: boolean;
    if (node.nodeType === 1) return elementPrivate(node as Element);
    if (node.nodeType === 9) result = (node as Document).designMode === "on" || lookup(frameOf(node as Document));
    else if (node.nodeType === 11) result = lookup("host" in node ? (node as ShadowRoot).host : null);
    else result = lookup(node.parentNode) || lookup(slotOf(node));
    memo.set(node, result);
    return result;
  }

  return lookup;
}
