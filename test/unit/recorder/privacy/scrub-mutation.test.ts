import { describe, expect, it } from "vitest";
import { NodeType } from "../../../../protocol/rrweb.ts";
import type { ScrubContext } from "../../../../recorder/privacy/scrub-event.ts";
import { type MutationData, scrubMutation } from "../../../../recorder/privacy/scrub-mutation.ts";
import type { SerializedNode } from "../../../../recorder/privacy/scrub-tree.ts";
import { scrubContext } from "../../../helpers/recorder/scrub-context.ts";

/**
 * Just enough of a DOM node for the scrubber (no DOM in unit tests): its tree links, its slot, and
 * whether it matches the mask selector, counting how often it was asked.
 */
class FakeNode {
  parentNode: FakeNode | null = null;
  assignedSlot: FakeNode | null = null;
  shadowRoot: FakeNode | null = null;
  host: FakeNode | null = null;
  previousSibling = null;
  nextSibling = null;
  matchesCalls = 0;
  constructor(
    readonly nodeType: number,
    readonly localName = "",
    private readonly isPrivate = false,
    readonly data = "",
  ) {}
  get tagName(): string {
    return this.localName.toUpperCase();
  }
  matches(): boolean {
    this.matchesCalls++;
    return this.isPrivate;
  }
  getAttribute(): null {
    return null;
  }
  hasAttribute(): boolean {
    return false;
  }
}

function child<T extends FakeNode>(parent: FakeNode, node: T): T {
  node.parentNode = parent;
  return node;
}

/** A context whose mirror holds `nodes` under the ids given. */
function contextOf(nodes: Map<number, FakeNode>): ScrubContext {
  const ids = new Map([...nodes].map(([id, n]) => [n, id]));
  return scrubContext({
    getNode: (id) => (nodes.get(id) as unknown as Node | undefined) ?? null,
    getId: (node) => ids.get(node as unknown as FakeNode) ?? -1,
  });
}

const element = (id: number, tagName: string, attributes: Record<string, unknown>): SerializedNode => ({
  type: NodeType.Element,
  id,
  tagName,
  attributes,
  childNodes: [],
});
const textNode = (id: number, textContent: string): SerializedNode => ({ type: NodeType.Text, id, textContent });

describe("scrubMutation", () => {
  it("masks a host's light child added where its slot sits inside a private element of the shadow root", () => {
    // <div id=host> #shadow-root <div data-private><slot></slot></div> </div>
    const doc = new FakeNode(9);
    const host = child(doc, new FakeNode(1, "div"));
    const shadow = new FakeNode(11);
    shadow.host = host;
    host.shadowRoot = shadow;
    const slot = child(child(shadow, new FakeNode(1, "div", true)), new FakeNode(1, "slot"));
    const link = child(host, new FakeNode(1, "a"));
    link.assignedSlot = slot;
    const bare = child(host, new FakeNode(3, "", false, "Zelda Quorvale"));
    bare.assignedSlot = slot;
    const added = element(3, "a", { title: "Zelda Quorvale", "data-email": "Zelda", href: "/patients/zelda", placeholder: "Zelda" });
    const data: MutationData = {
      adds: [
        { parentId: 1, node: added },
        { parentId: 1, node: textNode(4, "Zelda Quorvale") },
      ],
    };
    scrubMutation(
      data,
      contextOf(
        new Map([
          [1, host],
          [3, link],
          [4, bare],
        ]),
      ),
    );
    expect(added.attributes).toEqual({ title: "********", "data-email": "********", href: "", placeholder: "********" });
    expect(data.adds?.[1].node.textContent).toBe("***** ********");
  });

  it("asks each added element whether it matches once per event, however many of its children the event also adds", () => {
    // A re-sorted table: every row and its cell's text are adds of the same event.
    const tbody = child(new FakeNode(9), new FakeNode(1, "tbody"));
    const nodes = new Map<number, FakeNode>([[1, tbody]]);
    const adds: NonNullable<MutationData["adds"]> = [];
    const rows: FakeNode[] = [];
    for (let i = 0; i < 50; i++) {
      const row = child(tbody, new FakeNode(1, "tr"));
      const cellText = child(row, new FakeNode(3, "", false, `Row ${i}`));
      const [rowId, textId] = [10 + 2 * i, 11 + 2 * i];
      nodes.set(rowId, row).set(textId, cellText);
      rows.push(row);
      adds.push({ parentId: rowId, node: textNode(textId, `Row ${i}`) }, { parentId: 1, node: element(rowId, "tr", { title: `Row ${i}` }) });
    }
    scrubMutation({ adds }, contextOf(nodes));
    expect(rows.map((r) => r.matchesCalls)).toEqual(rows.map(() => 1));
    expect(tbody.matchesCalls).toBe(1);
    expect(adds[1].node.attributes).toEqual({ title: "Row 0" });
  });

  it("rewrites an element added without its children by its attributes, masked inside a private parent and redacted elsewhere", () => {
    const body = child(new FakeNode(9), new FakeNode(1, "body"));
    const vault = child(body, new FakeNode(1, "div", true));
    const open = child(body, new FakeNode(1, "a"));
    const hidden = child(vault, new FakeNode(1, "a"));
    const empty = child(body, new FakeNode(1, "td"));
    const nodes = new Map<number, FakeNode>([
      [1, body],
      [2, vault],
      [3, open],
      [4, hidden],
      [5, empty],
    ]);
    const link = { href: "/users/jane@example.com?token=abc", title: "Mail jane@example.com", class: "row" };
    const adds: NonNullable<MutationData["adds"]> = [
      { parentId: 1, node: element(3, "a", { ...link }) },
      { parentId: 2, node: element(4, "a", { ...link }) },
      { parentId: 1, node: element(5, "td", {}) },
    ];
    scrubMutation({ adds }, contextOf(nodes));
    expect(adds[0].node.attributes).toEqual({ href: "/users/[email]?token=redacted", title: "Mail [email]", class: "row" });
    expect(adds[1].node.attributes).toEqual({ href: "", title: "********", class: "row" });
    expect(adds[2].node.attributes).toEqual({});
  });
});
