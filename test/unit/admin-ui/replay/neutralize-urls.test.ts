import { describe, expect, it } from "vitest";
import { EventType, IncrementalSource, NodeType, type eventWithTime } from "@rrweb/types";
import { UrlNeutralizer } from "../../../../admin-ui/src/replay/neutralize-urls.ts";
import { PLACEHOLDER_IMAGE, placeholderImage } from "../../../../admin-ui/src/replay/safe-urls.ts";
import { adoptedSheet } from "../../../helpers/rrweb-nodes.ts";

const URL_OUT = `url("${PLACEHOLDER_IMAGE}")`;
const T = 1_750_000_000_000;

/** Events as they come off the wire (JSON), typed the way the player takes them. */
function events(list: unknown[]): eventWithTime[] {
  return JSON.parse(JSON.stringify(list));
}

function snapshot(): eventWithTime {
  const [e] = events([
    {
      type: EventType.FullSnapshot,
      timestamp: T,
      data: {
        initialOffset: { top: 0, left: 0 },
        node: {
          type: NodeType.Document,
          id: 1,
          childNodes: [
            {
              type: NodeType.Element,
              id: 2,
              tagName: "html",
              attributes: {},
              childNodes: [
                {
                  type: NodeType.Element,
                  id: 3,
                  tagName: "head",
                  attributes: {},
                  childNodes: [
                    {
                      type: NodeType.Element,
                      id: 4,
                      tagName: "style",
                      attributes: {},
                      childNodes: [{ type: NodeType.Text, id: 5, textContent: "body{background:url(bg.png)}/* rr_split */", isStyle: true }],
                    },
                    {
                      type: NodeType.Element,
                      id: 6,
                      tagName: "link",
                      attributes: { rel: "stylesheet", href: "https://x.example/s.css", _cssText: "@import 'i.css';p{color:red}" },
                      childNodes: [],
                    },
                  ],
                },
                {
                  type: NodeType.Element,
                  id: 7,
                  tagName: "body",
                  attributes: {},
                  childNodes: [
                    { type: NodeType.Element, id: 8, tagName: "img", attributes: { src: "a.png", width: "120", height: "80" }, childNodes: [] },
                    {
                      type: NodeType.Element,
                      id: 9,
                      tagName: "a",
                      attributes: { href: "/next", ping: "/ping" },
                      childNodes: [{ type: NodeType.Text, id: 10, textContent: "Write url(x) in CSS" }],
                    },
                    {
                      type: NodeType.Element,
                      id: 11,
                      tagName: "iframe",
                      attributes: {},
                      childNodes: [
                        {
                          type: NodeType.Document,
                          id: 12,
                          childNodes: [{ type: NodeType.Element, id: 13, tagName: "img", attributes: { src: "/nested.png" }, childNodes: [] }],
                        },
                      ],
                    },
                    {
                      type: NodeType.Element,
                      id: 14,
                      tagName: "svg",
                      isSVG: true,
                      attributes: {},
                      childNodes: [{ type: NodeType.Element, id: 15, tagName: "image", isSVG: true, attributes: { href: "i.png" }, childNodes: [] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    },
  ]);
  return e;
}

/** The serialized node with this id under `root`. */
function findNode(root: unknown, id: number): unknown {
  if (typeof root !== "object" || root === null) return undefined;
  if ("id" in root && root.id === id && "type" in root) return root;
  for (const child of Object.values(root)) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

function incremental(data: Record<string, unknown>): eventWithTime {
  const [e] = events([{ type: EventType.IncrementalSnapshot, timestamp: T + 100, data }]);
  return e;
}

/** A neutralizer that has seen the snapshot above. */
function afterSnapshot(): UrlNeutralizer {
  const n = new UrlNeutralizer();
  n.rewrite(snapshot());
  return n;
}

function mutation(data: Record<string, unknown>): eventWithTime {
  return incremental({ source: IncrementalSource.Mutation, texts: [], attributes: [], removes: [], adds: [], ...data });
}

/** The mutation `data`, rewritten by a neutralizer that has seen the snapshot above. */
function mutateAfterSnapshot(data: Record<string, unknown>): eventWithTime {
  return afterSnapshot().rewrite(mutation(data));
}

describe("UrlNeutralizer", () => {
  it("rewrites a full snapshot's elements, its style texts and _cssText, nested documents included", () => {
    const original = snapshot();
    const before = JSON.stringify(original);
    const out = new UrlNeutralizer().rewrite(original);
    // The input is left as it was (the caller may still use it).
    expect(JSON.stringify(original)).toBe(before);
    const node = (id: number) => findNode(out.data, id);
    expect(node(5)).toMatchObject({ textContent: `body{background:${URL_OUT}}/* rr_split */` });
    expect(node(6)).toMatchObject({ attributes: { rel: "stylesheet", _cssText: "p{color:red}" } });
    expect(node(8)).toMatchObject({ attributes: { src: placeholderImage("120", "80"), width: "120", height: "80" } });
    expect(node(9)).toMatchObject({ attributes: { href: "/next" } });
    expect(node(13)).toMatchObject({ attributes: { src: PLACEHOLDER_IMAGE } });
    expect(node(15)).toMatchObject({ attributes: {} });
    // Text outside <style> is shown, not parsed: it stays as recorded.
    expect(node(10)).toMatchObject({ textContent: "Write url(x) in CSS" });
    expect(JSON.stringify(out)).not.toMatch(/a\.png|bg\.png|s\.css|i\.css|nested\.png|i\.png|\/ping/);
  });

  it("rewrites added nodes by the element they are added to, even when a child is listed first", () => {
    const out = mutateAfterSnapshot({
      adds: [
        { parentId: 20, nextId: null, node: { type: NodeType.Text, id: 21, textContent: ".x{background:url(added.png)}" } },
        { parentId: 3, nextId: null, node: { type: NodeType.Element, id: 20, tagName: "style", attributes: {}, childNodes: [] } },
        {
          parentId: 7,
          nextId: null,
          node: { type: NodeType.Element, id: 22, tagName: "link", attributes: { rel: "preconnect", href: "http://127.0.0.1:9" }, childNodes: [] },
        },
        { parentId: 7, nextId: null, node: { type: NodeType.Text, id: 23, textContent: "see url(x)" } },
      ],
    });
    expect(out.data).toMatchObject({
      adds: [
        { node: { textContent: `.x{background:${URL_OUT}}` } },
        { node: { tagName: "style" } },
        { node: { tagName: "link", attributes: { rel: "preconnect" } } },
        { node: { textContent: "see url(x)" } },
      ],
    });
    expect(JSON.stringify(out)).not.toContain("127.0.0.1");
  });

  it("rewrites attribute changes by what the element is, keeping an image's recorded box", () => {
    const out = mutateAfterSnapshot({
      attributes: [
        { id: 8, attributes: { src: "b.png", srcset: "b2.png 2x" } },
        { id: 9, attributes: { href: "/other", style: { background: "url(s.png)" } } },
        { id: 6, attributes: { href: "https://x.example/t.css" } },
        { id: 999, attributes: { src: "u.png", href: "/u", class: "k" } },
      ],
    });
    expect(out.data).toMatchObject({
      attributes: [
        { id: 8, attributes: { src: placeholderImage("120", "80") } },
        { id: 9, attributes: { href: "/other", style: { background: URL_OUT } } },
        { id: 6, attributes: {} },
        { id: 999, attributes: { class: "k" } },
      ],
    });
  });

  it("rewrites text changes of style texts and of texts it never saw, not of shown texts", () => {
    const out = mutateAfterSnapshot({
      texts: [
        { id: 5, value: "a{background:url(t.png)}" },
        { id: 10, value: "now url(y)" },
        { id: 998, value: "b{background:url(u.png)}" },
      ],
    });
    expect(out.data).toMatchObject({ texts: [{ value: `a{background:${URL_OUT}}` }, { value: "now url(y)" }, { value: `b{background:${URL_OUT}}` }] });
  });

  it("rewrites CSSOM events: rules, declarations, adopted sheets, fonts", () => {
    const n = new UrlNeutralizer();
    const rule = n.rewrite(
      incremental({
        source: IncrementalSource.StyleSheetRule,
        id: 4,
        adds: [{ rule: ".r{background:url(r.png)}", index: 0 }],
        replaceSync: "@import 'x.css';q{color:red}",
      }),
    );
    expect(rule.data).toMatchObject({ adds: [{ rule: `.r{background:${URL_OUT}}`, index: 0 }], replaceSync: "q{color:red}" });
    const declaration = n.rewrite(
      incremental({ source: IncrementalSource.StyleDeclaration, id: 4, index: [0], set: { property: "background-image", value: "url(d.png)", priority: "" } }),
    );
    expect(declaration.data).toMatchObject({ set: { property: "background-image", value: URL_OUT, priority: "" } });
    const adopted = n.rewrite(incremental(adoptedSheet(".a{cursor:url(c.cur),auto}")));
    expect(adopted.data).toMatchObject({ styles: [{ styleId: 1, rules: [{ rule: `.a{cursor:${URL_OUT},auto}` }] }] });
    const font = n.rewrite(
      incremental({ source: IncrementalSource.Font, family: "F", fontSource: "url(http://127.0.0.1:9/f.woff2)", buffer: false, descriptors: {} }),
    );
    expect(font.data).toMatchObject({ fontSource: URL_OUT });
    // A font recorded as bytes loads nothing: untouched.
    const bytes = incremental({ source: IncrementalSource.Font, family: "F", fontSource: "[0,1,2]", buffer: true, descriptors: {} });
    expect(n.rewrite(bytes)).toEqual(bytes);
  });

  it("forgets the old document's elements at a new full snapshot", () => {
    const n = afterSnapshot();
    n.rewrite(
      events([
        {
          type: EventType.FullSnapshot,
          timestamp: T + 50,
          data: { initialOffset: { top: 0, left: 0 }, node: { type: NodeType.Document, id: 1, childNodes: [] } },
        },
      ])[0],
    );
    // Node 9 was a link in the old document; now it is unknown, so its href goes.
    const out = n.rewrite(mutation({ attributes: [{ id: 9, attributes: { href: "/x" } }] }));
    expect(out.data).toMatchObject({ attributes: [{ id: 9, attributes: {} }] });
  });

  it("passes events without URLs through unchanged", () => {
    const n = new UrlNeutralizer();
    for (const e of events([
      { type: EventType.Meta, timestamp: T, data: { href: "https://shop.example.com/a", width: 800, height: 600 } },
      { type: EventType.IncrementalSnapshot, timestamp: T + 1, data: { source: IncrementalSource.MouseInteraction, type: 2, id: 9, x: 1, y: 2 } },
      { type: EventType.IncrementalSnapshot, timestamp: T + 2, data: { source: IncrementalSource.Input, id: 8, text: "url(x)", isChecked: false } },
    ])) {
      expect(n.rewrite(e)).toEqual(e);
    }
  });
});
