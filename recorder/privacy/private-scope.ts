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

  function elementPrivate(el: Element): boolean {
    if (el.closest(selector)) return true;
    // Not private in its own tree; still private through a slot it is shown in, or through the
    // root of its tree (shadow host, frame, designMode document).
    const passed: Node[] = [];
    let cur: Node | null = el;
    let root: Node = el;
    while (cur) {
      const known = memo.get(cur);
      if (known !== undefined) return settle(passed, known);
      const slot = slotOf(cur);
      if (slot && lookup(slot)) return settle(passed, true);
      passed.push(cur);
      root = cur;
      cur = cur.parentNode;
    }
    return settle(passed, root.nodeType === 9 || root.nodeType === 11 ? lookup(root) : false);
  }

  /** Remembers `result` for every node passed on the way up: they share it (all lie below what decided it, or none is private). */
  function settle(passed: Node[], result: boolean): boolean {
    for (const n of passed) memo.set(n, result);
    return result;
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
