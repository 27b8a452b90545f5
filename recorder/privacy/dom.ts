/** Whether `node` is an element matching `selector` (text and comment nodes never match). */
export function matchesElement(node: Node | null, selector: string): boolean {
  return !!node && node.nodeType === 1 && (node as Element).matches(selector);
}

/** Lower-case tag name of an element node, or "" for anything else. */
export function tagOf(node: Node | null): string {
  return node && node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : "";
}
