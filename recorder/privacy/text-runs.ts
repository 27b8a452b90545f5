import { redactPieces, redactText } from "../../protocol/redact-text";

/**
 * Text the page shows as one string is often held in several text nodes: `<b>jane</b>@example.com`,
 * a card number in four spans, a <wbr> inside an address. Patterns judge a *run* (the adjacent text
 * nodes between two boundaries, inline elements' text included) as one string, and each node keeps
 * only its part of the result (protocol/redact-text's redactPieces).
 */

/** Elements a run of text does not cross: block boxes, line breaks, controls, replaced and hidden elements. */
export const RUN_BOUNDARY_TAGS: ReadonlySet<string> = new Set(
  (
    "html head body title meta link style script noscript template base address article aside blockquote details dialog dd div dl dt " +
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre search section summary table " +
    "caption colgroup col thead tbody tfoot tr td th ul br img input button select option optgroup textarea output progress meter " +
    "video audio canvas iframe object embed svg math picture source slot legend label"
  ).split(" "),
);

/** What a run never joins: a private element's text, a boundary inside an inline element. */
const BARRIER = "\0";
/** A run is cut past these, so a long paragraph of links stays cheap. */
const RUN_MAX_PIECES = 64;
const RUN_MAX_CHARS = 4_096;

/** A run of serialized text nodes (full snapshots, added subtrees): collected in document order, redacted at each boundary. */
export class SerializedRun<Piece extends { textContent?: string }> {
  private pieces: Piece[] = [];
  private owner: unknown = null;
  private chars = 0;

  /** Adds a text node whose nearest boundary element is `owner` (another owner ends the run first). */
  add(piece: Piece, owner: unknown): void {
    if (owner !== this.owner || this.pieces.length >= RUN_MAX_PIECES || this.chars >= RUN_MAX_CHARS) this.end();
    this.owner = owner;
    this.pieces.push(piece);
    this.chars += piece.textContent?.length ?? 0;
  }

  /** Ends the run: its pieces are redacted together. */
  end(): void {
    const pieces = this.pieces;
    if (pieces.length === 1) pieces[0].textContent = redactText(pieces[0].textContent ?? "");
    else if (pieces.length > 1) {
      const out = redactPieces(pieces.map((p) => p.textContent ?? ""));
      if (out) for (let i = 0; i < pieces.length; i++) pieces[i].textContent = out[i];
    }
    this.pieces = [];
    this.owner = null;
    this.chars = 0;
  }
}

function isBoundary(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  // A shadow host shows its shadow tree, not its children as they stand.
  return RUN_BOUNDARY_TAGS.has(el.localName) || el.shadowRoot !== null;
}

/**
 * Redacts text nodes of the live DOM (mutations add nodes one by one, so the run around a node is
 * read from the page) with the text next to them. One instance per event: each run is judged once.
 */
export class DomTextRuns {
  private readonly done = new Map<Node, string>();
  /** Nodes whose text changed because a match runs into them (they may not be in the event). */
  readonly changed = new Map<Text, string>();

  /** `isPrivate` tells whether an inline element's text must be left out (it is masked on its own). */
  constructor(private readonly isPrivate: (el: Element) => boolean) {}

  /** The redacted text of `node`, a text node outside any private element. */
  redact(node: Text): string {
    const known = this.done.get(node);
    if (known !== undefined) return known;
    const run = this.collect(node);
    if (run.length === 1) {
      const value = redactText(node.data);
      this.done.set(node, value);
      return value;
    }
    const texts = run.map((t) => (t ? t.data : BARRIER));
    const out = redactPieces(texts);
    run.forEach((t, i) => {
      if (!t) return;
      const value = out ? out[i] : texts[i];
      this.done.set(t, value);
      if (value !== texts[i]) this.changed.set(t, value);
    });
    return this.done.get(node) ?? node.data;
  }

  /** The run around `node`: its highest inline ancestor and that one's inline siblings, flattened. */
  private collect(node: Text): Array<Text | null> {
    let top: Node = node;
    while (top.parentNode && top.parentNode.nodeType === 1 && !isBoundary(top.parentNode)) top = top.parentNode;
    // Most text nodes stand alone in their block: no run to read.
    if (top === node && !node.previousSibling && !node.nextSibling) return [node];
    const budget = { pieces: RUN_MAX_PIECES, chars: RUN_MAX_CHARS };
    const middle: Array<Text | null> = [];
    this.flatten(top, middle, budget);
    // A huge inline subtree: judged alone rather than not at all.
    if (!middle.includes(node)) return [node];
    const before: Array<Text | null> = [];
    for (let s = top.previousSibling; s && !isBoundary(s) && budget.pieces > 0; s = s.previousSibling) {
      const part: Array<Text | null> = [];
      this.flatten(s, part, budget);
      before.unshift(...part);
    }
    const run = [...before, ...middle];
    for (let s = top.nextSibling; s && !isBoundary(s) && budget.pieces > 0; s = s.nextSibling) this.flatten(s, run, budget);
    return run;
  }

  private flatten(node: Node, out: Array<Text | null>, budget: { pieces: number; chars: number }): void {
    if (node.nodeType === 3) {
      out.push(node as Text);
      budget.pieces--;
      budget.chars -= (node as Text).data.length;
      if (budget.chars <= 0) budget.pieces = 0;
    } else if (node.nodeType === 1) {
      if (isBoundary(node) || this.isPrivate(node as Element)) out.push(null);
      else for (let c = node.firstChild; c && budget.pieces > 0; c = c.nextSibling) this.flatten(c, out, budget);
    }
  }
}
