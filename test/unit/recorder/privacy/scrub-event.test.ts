import { describe, expect, it } from "vitest";
import { scrubEvent, scrubFullSnapshotLater, type RecordedEvent } from "../../../../recorder/privacy/scrub-event.ts";
import { EventType, IncrementalSource, NodeType } from "../../../../protocol/rrweb.ts";
import type { SerializedNode } from "../../../../recorder/privacy/scrub-tree.ts";
import { adoptedSheet } from "../../../helpers/rrweb-nodes.ts";
import { scrubContext } from "../../../helpers/recorder/scrub-context.ts";

// No DOM here: nodes rrweb's mirror does not know are judged by their serialized form alone.
const ctx = scrubContext();
const T = 1_767_225_600_000;

type Sn = SerializedNode;
let nextId = 1;
const text = (textContent: string): Sn => ({ type: NodeType.Text, id: nextId++, textContent });
const el = (tagName: string, childNodes: Sn[] = [], attributes: Record<string, unknown> = {}): Sn => ({
  type: NodeType.Element,
  id: nextId++,
  tagName,
  attributes,
  childNodes,
});
const snapshot = (body: Sn): RecordedEvent => ({ type: EventType.FullSnapshot, timestamp: T, data: { node: body, initialOffset: { top: 0, left: 0 } } });
const incremental = (data: Record<string, unknown>): RecordedEvent => ({ type: EventType.IncrementalSnapshot, timestamp: T, data });

describe("scrubEvent", () => {
  it("redacts the page URL of a Meta event and of a navigation", () => {
    const meta = scrubEvent({ type: EventType.Meta, timestamp: T, data: { href: "https://a.example/?email=a%40b.co&page=2", width: 1, height: 1 } }, ctx);
    expect(meta.data.href).toBe("https://a.example/?email=redacted&page=2");
    const nav = scrubEvent({ type: EventType.Custom, timestamp: T, data: { tag: "navigation", payload: { href: "/next?ssn=123-45-6789" } } }, ctx);
    expect(nav.data.payload).toEqual({ href: "/next?ssn=redacted" });
  });

  it("pattern-redacts text in a full snapshot, CSS inside <style>, and drops <noscript> content", () => {
    const mail = text("Mail jane@example.com");
    const css = text("a[href^='mailto:x@y.co']::after{content:'x@y.co'} .bg{background:url(/a.png?token=abc)}");
    const noscript = text('<img src="https://t.example/p?uid=zelda-4711">');
    scrubEvent(snapshot(el("body", [mail, el("style", [css]), el("noscript", [noscript])])), ctx);
    expect(mail.textContent).toBe("Mail [email]");
    expect(css.textContent).toBe('a[href^="mailto:redacted"]::after{content:"[email]"} .bg{background:url("/a.png?token=redacted")}');
    expect(noscript.textContent).toBe("");
  });

  it("judges a run of inline text nodes together: <b>name</b>@domain, digits split across spans, <wbr>", () => {
    const [a, b, c] = [text("Write to "), text("zelda.q"), text("@example.org today")];
    const digits = ["4111", " ", "1111", " ", "1111", " ", "1111"].map(text);
    const [d, e] = [text("long.address"), text("@example.org")];
    const body = el("body", [
      el("p", [a, el("b", [b]), c]),
      el(
        "p",
        digits.map((t) => el("span", [t])),
      ),
      el("p", [d, el("wbr"), e]),
    ]);
    scrubEvent(snapshot(body), ctx);
    expect([a, b, c].map((t) => t.textContent)).toEqual(["Write to ", "[email]", " today"]);
    expect(digits.map((t) => t.textContent).join("")).toBe("[card]");
    expect([d, e].map((t) => t.textContent)).toEqual(["[email]", ""]);
  });

  it("does not join text across block boundaries or private elements", () => {
    const [a, b] = [text("zelda.q"), text("@example.org")];
    const [c, d, e] = [text("zelda.q"), text("Zed"), text("@example.org")];
    const secret = el("span", [d]);
    // A stand-in for the DOM element rrweb's mirror would return: private by the mask selector.
    const privateSpan = { nodeType: 1, matches: () => true, getAttribute: () => null, hasAttribute: () => false };
    const withDom = scrubContext({ getNode: (id) => (id === secret.id ? (privateSpan as unknown as Node) : null) });
    scrubEvent(snapshot(el("body", [el("div", [a]), el("div", [b]), el("p", [c, secret, e])])), withDom);
    expect([a.textContent, b.textContent]).toEqual(["zelda.q", "@example.org"]);
    expect([c.textContent, d.textContent, e.textContent]).toEqual(["zelda.q", "***", "@example.org"]);
  });

  it("masks typed input to one length, and redacts text added by a mutation", () => {
    const input = scrubEvent(incremental({ source: IncrementalSource.Input, id: 9, text: "jane", isChecked: true }), ctx);
    expect(input.data).toMatchObject({ text: "********", isChecked: false });
    const mutation = scrubEvent(
      incremental({ source: IncrementalSource.Mutation, adds: [], removes: [], attributes: [], texts: [{ id: 5, value: "Card 4111 1111 1111 1111" }] }),
      ctx,
    );
    expect(mutation.data.texts).toEqual([{ id: 5, value: "Card [card]" }]);
  });

  it("redacts CSS in mutations and in the CSSOM's records", () => {
    const attrs = incremental({
      source: IncrementalSource.Mutation,
      adds: [],
      removes: [],
      texts: [],
      attributes: [{ id: 3, attributes: { style: { "--email": "zelda@example.org", "background-image": 'url("/a.png?token=abc")' } } }],
    });
    expect(scrubEvent(attrs, ctx).data.attributes).toEqual([
      { id: 3, attributes: { style: { "--email": "[email]", "background-image": 'url("/a.png?token=redacted")' } } },
    ]);
    const rule = scrubEvent(
      incremental({
        source: IncrementalSource.StyleSheetRule,
        id: 4,
        adds: [{ rule: '.x::after{content:"zelda@example.org"}', index: 0 }],
        replaceSync: ":root{--t:url(/r.png?sig=1)}",
      }),
      ctx,
    );
    expect(rule.data).toMatchObject({ adds: [{ rule: '.x::after{content:"[email]"}', index: 0 }], replaceSync: ':root{--t:url("/r.png?sig=redacted")}' });
    const declaration = scrubEvent(
      incremental({ source: IncrementalSource.StyleDeclaration, id: 4, index: [0], set: { property: "--phone", value: "+1 415 555 0199", priority: "" } }),
      ctx,
    );
    expect(declaration.data.set).toEqual({ property: "--phone", value: "[phone]", priority: "" });
    const adopted = scrubEvent(incremental(adoptedSheet('.y::before{content:"4111 1111 1111 1111"}')), ctx);
    expect(adopted.data.styles).toEqual([{ styleId: 1, rules: [{ rule: '.y::before{content:"[card]"}' }] }]);
  });

  it("masks all text with maskAllText", () => {
    const t = text("Hello Zelda");
    scrubEvent(snapshot(el("body", [el("p", [t])])), scrubContext({ maskAllText: true }));
    expect(t.textContent).toBe("***** *****");
  });
  it("decides a full snapshot's privacy on the DOM as rrweb serialized it, however the DOM changes before the rewrite", () => {
    const secret = text("Card ending 4242, PIN 1234");
    const mail = text("jane@example.com");
    const box = el("div", [secret]);
    const event = snapshot(el("body", [box, el("p", [mail])]));
    // The element behind `box` is private when rrweb serializes it, and stops being so right after.
    let boxPrivate = true;
    const boxElement = { nodeType: 1, matches: () => boxPrivate } as unknown as Node;
    const finish = scrubFullSnapshotLater(event, scrubContext({ getNode: (id) => (id === box.id ? boxElement : null) }));
    boxPrivate = false;
    // Nothing is rewritten until the rewrite runs.
    expect(mail.textContent).toBe("jane@example.com");
    finish();
    expect(secret.textContent).not.toContain("4242");
    expect(secret.textContent).not.toContain("1234");
    expect(mail.textContent).toBe("[email]");
  });
});
