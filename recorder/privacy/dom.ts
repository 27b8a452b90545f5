/** Whether `node` or any ancestor matches `selector`, climbing out of shadow roots to their hosts (Element.closest stops at them). */
export function closestAcrossShadow(node: Node | null, selector: string): boolean {
  let cur: Node | null = node;
  while (cur) {
    const el = cur.nodeType === 1 ? (cur as Element) : cur.parentElement;
    if (el && el.closest(selector)) return true;
    const root = (el ?? cur).getRootNode();
    cur = root.nodeType === 11 && "host" in root ? (root as ShadowRoot).host : null;
  }
  return false;
}

/** Whether `node` is an element matching `selector` (text and comment nodes never match). */
export function matchesElement(node: Node | null, selector: string): boolean {
  return !!node && node.nodeType === 1 && (node as Element).matches(selector);
}

/** Lower-case tag name of an element node, or "" for anything else. */
export function tagOf(node: Node | null): string {
  return node && node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : "";
}
