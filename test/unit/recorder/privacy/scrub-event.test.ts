import { describe, expect, it } from "vitest";
import { scrubEvent, type RecordedEvent, type ScrubContext } from "../../../../recorder/privacy/scrub-event.ts";
import { DEFAULT_ALLOWED_PARAMS } from "../../../../protocol/redact-url.ts";
import { EventType, IncrementalSource, NodeType } from "../../../../protocol/rrweb.ts";

// No DOM here: nodes rrweb's mirror does not know are judged by their serialized form alone.
const ctx: ScrubContext = { maskSelector: "[data-private]", maskAllInputs: true, allowedParams: new Set(DEFAULT_ALLOWED_PARAMS), getNode: () => null };
const T = 1_767_225_600_000;

describe("scrubEvent", () => {
  it("redacts the page URL of a Meta event and of a navigation", () => {
    const meta = scrubEvent({ type: EventType.Meta, timestamp: T, data: { href: "https://a.example/?email=a%40b.co&page=2", width: 1, height: 1 } }, ctx);
    expect(meta.data.href).toBe("https://a.example/?email=redacted&page=2");
    const nav = scrubEvent({ type: EventType.Custom, timestamp: T, data: { tag: "navigation", payload: { href: "/next?ssn=123-45-6789" } } }, ctx);
    expect(nav.data.payload).toEqual({ href: "/next?ssn=redacted" });
  });

  it("pattern-redacts text in a full snapshot, but not inside style or script", () => {
    const snapshot: RecordedEvent = {
      type: EventType.FullSnapshot,
      timestamp: T,
      data: {
        node: {
          type: NodeType.Element,
          id: 1,
          tagName: "body",
          attributes: {},
          childNodes: [
            { type: NodeType.Text, id: 2, textContent: "Mail jane@example.com" },
            { type: NodeType.Element, id: 3, tagName: "style", attributes: {}, childNodes: [{ type: NodeType.Text, id: 4, textContent: "a[href^='mailto:x@y.co'] {}" }] },
          ],
        },
        initialOffset: { top: 0, left: 0 },
      },
    };
    const body = scrubEvent(snapshot, ctx).data.node as { childNodes: Array<{ textContent?: string; childNodes?: Array<{ textContent: string }> }> };
    expect(body.childNodes[0].textContent).toBe("Mail [email]");
    expect(body.childNodes[1].childNodes![0].textContent).toBe("a[href^='mailto:x@y.co'] {}");
  });

  it("masks typed input and redacts text added by a mutation", () => {
    const input = scrubEvent({ type: EventType.IncrementalSnapshot, timestamp: T, data: { source: IncrementalSource.Input, id: 9, text: "jane", isChecked: true } }, ctx);
    expect(input.data).toMatchObject({ text: "****", isChecked: false });
    const mutation = scrubEvent({ type: EventType.IncrementalSnapshot, timestamp: T, data: { source: IncrementalSource.Mutation, adds: [], removes: [], attributes: [], texts: [{ id: 5, value: "Card 4111 1111 1111 1111" }] } }, ctx);
    expect(mutation.data.texts).toEqual([{ id: 5, value: "Card [card]" }]);
  });
});
