import { describe, expect, it } from "vitest";
import { parseUpload, type Upload } from "../../../../worker/ingest/parse-upload";
import { redactionMetrics, scanUpload } from "../../../../worker/ingest/scan/scan-events";
import { T0 } from "../../../helpers/worker/events";
import { BENIGN, LEAKY_PAGE_URL, NEEDLES, leakedNeedles, leakyEvents } from "../../../helpers/worker/leaky-upload";

/** An upload as the route has it after validation (the real parser, so the shapes are the real ones). */
function parsed(events: unknown[], meta: Record<string, unknown> = {}): Upload {
  const body = { sessionId: crypto.randomUUID(), seq: 0, events, meta };
  return parseUpload(new TextEncoder().encode(JSON.stringify(body)), T0 + 60_000);
}

/** The value with every string blanked: equal skeletons mean only string contents changed. */
function skeleton(value: unknown): unknown {
  if (typeof value === "string") return "";
  if (Array.isArray(value)) return value.map(skeleton);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v)]));
  return value;
}

/** Every serialized node under `root` that has an id, by id. */
function nodesById(root: unknown): Map<number, Record<string, unknown>> {
  const found = new Map<number, Record<string, unknown>>();
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      const node = Object.fromEntries(Object.entries(v));
      if (typeof node.id === "number" && typeof node.type === "number") found.set(node.id, node);
      stack.push(...Object.values(node));
    }
  }
  return found;
}

const event = (data: Record<string, unknown>) => ({ type: 3, data, timestamp: T0 });

describe("scanUpload", () => {
  it("leaves no needle anywhere in the events or meta, and changes nothing but string contents", () => {
    const sent = leakyEvents();
    const upload = parsed(structuredClone(sent), { ua: "test-agent", url: LEAKY_PAGE_URL });
    const counts = scanUpload(upload);
    const json = JSON.stringify(upload);
    expect(leakedNeedles(json)).toEqual([]);
    // Ids, types, numbers, keys, array lengths: all as sent.
    expect(skeleton(upload.events)).toEqual(skeleton(sent));
    for (const benign of Object.values(BENIGN)) expect(json).toContain(JSON.stringify(benign).slice(1, -1));
    expect(upload.meta?.ua).toBe("test-agent");
    expect(counts).toMatchObject({ email: expect.any(Number), phone: expect.any(Number), card: 2, secret: expect.any(Number), url: expect.any(Number) });
  });

  it("keeps the replay's structure: placeholders only where the data was, CSS still CSS", () => {
    const upload = parsed(leakyEvents());
    scanUpload(upload);
    const [, snapshot, mutation, input, rule, declaration, adopted, navigation] = upload.events;
    const nodes = nodesById(snapshot.data);
    const attributes = (id: number) => nodes.get(id)?.attributes;
    expect(nodes.get(8)).toEqual({ type: 3, id: 8, textContent: "Contact [email] or [phone]" });
    expect(nodes.get(6)).toEqual({ type: 3, id: 6, textContent: '.y::before{content:"[email]"}', isStyle: true });
    expect(attributes(5)).toEqual({ _cssText: `${BENIGN.css}.x::after{content:"call [phone]"}` });
    expect(attributes(13)).toEqual({ href: "https://shop.test/account?session=redacted&utm_source=mail", ping: "https://t.test/p?u=redacted" });
    expect(attributes(15)).toEqual({
      src: "/img/a.png?u=redacted",
      srcset: "/a.png?t=redacted 1x, /b.png 2x",
      "data-src": "/lazy.png?token=redacted",
      width: 120,
    });
    expect(attributes(16)).toEqual({ rr_src: "https://embed.test/?sig=redacted", rr_width: "300px" });
    expect(attributes(18)).toEqual({ style: 'background:url("/bg.png?tk=redacted");--user:[email];color:red' });
    expect(mutation.data).toMatchObject({
      attributes: [
        {
          id: 11,
          attributes: {
            title: "Call [phone]",
            style: { color: "red", "background-image": 'url("https://x.test/i.png?t=redacted")', "--note": ["[email]", "important"], margin: false },
          },
        },
      ],
    });
    expect(input.data).toMatchObject({ text: "[card]", id: 17, isChecked: false });
    expect(rule.data).toMatchObject({ adds: [{ rule: '.a::before{content:"[email]"}', index: 0 }] });
    expect(declaration.data).toMatchObject({ set: { property: "background", value: 'url("/s.png?token=redacted")' } });
    expect(adopted.data).toMatchObject({ styles: [{ styleId: 1, rules: [{ rule: '.b{background:url("https://cdn.test/x.png?sig=redacted")}' }] }] });
    expect(navigation.data).toEqual({ tag: "navigation", payload: { href: "https://shop.test/next?k=redacted", kind: "push" } });
  });

  it("counts each replacement by class", () => {
    const upload = parsed(
      [
        event({ source: 5, id: 1, text: NEEDLES.card }),
        event({
          source: 0,
          adds: [{ parentId: 1, nextId: null, node: { type: 3, id: 2, textContent: `${NEEDLES.email}, ${NEEDLES.email}` } }],
          texts: [],
          attributes: [{ id: 1, attributes: { title: NEEDLES.apiKey, href: "/a?x=1&y=2&lang=en" } }],
          removes: [],
        }),
      ],
      { url: "https://shop.test/?q=shoes" },
    );
    expect(scanUpload(upload)).toEqual({ card: 1, email: 2, secret: 1, url: 3 });
  });

  it("changes nothing a current recorder already redacted, and counts nothing", () => {
    const events = leakyEvents();
    events[0] = { ...events[0], data: { href: `https://shop.test/r/${NEEDLES.pathToken}?session=${NEEDLES.linkSession}`, width: 1280, height: 720 } };
    const once = parsed(events, { url: LEAKY_PAGE_URL.split("#")[0] });
    scanUpload(once);
    const again = parsed(structuredClone(once.events), once.meta);
    expect(scanUpload(again)).toEqual({});
    expect(again.events).toEqual(once.events);
  });

  it("leaves pointer, scroll and viewport events, rrweb's own fields, inlined images and base64 payloads alone", () => {
    const base64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const events = [
      event({ source: 1, positions: [{ x: 4111111111111111, y: 5, id: 3, timeOffset: 0 }] }),
      event({
        source: 0,
        adds: [],
        texts: [],
        removes: [],
        attributes: [
          { id: 3, attributes: { rr_mediaState: "played", rr_scrollLeft: 120, class: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8" } },
          { id: 4, attributes: { src: `data:image/png;base64,${base64}`, style: `background:url(data:image/png;base64,${base64})` } },
        ],
      }),
      event({
        source: 9,
        id: 3,
        type: 0,
        commands: [{ property: "drawImage", args: [{ rr_type: "ImageBitmap", args: [{ rr_type: "Blob", data: [{ rr_type: "ArrayBuffer", base64 }] }] }] }],
      }),
      event({ source: 10, family: "Inter", fontSource: base64, buffer: true }),
    ];
    const upload = parsed(structuredClone(events));
    expect(scanUpload(upload)).toEqual({});
    expect(upload.events).toEqual(events);
  });

  it("scans free-form data: canvas text, custom payloads, fields rrweb does not have, and text added under a known <style> as CSS", () => {
    const upload = parsed([
      event({ source: 9, id: 3, type: 0, commands: [{ property: "fillText", args: [`Hi ${NEEDLES.email}`, 10, 20] }] }),
      { type: 5, data: { tag: "checkout", payload: { note: `card ${NEEDLES.card}`, total: 1299 } }, timestamp: T0, by: NEEDLES.email },
      event({
        source: 0,
        adds: [
          { parentId: 1, nextId: null, node: { type: 2, id: 7, tagName: "style", attributes: {}, childNodes: [] } },
          { parentId: 7, nextId: null, node: { type: 3, id: 8, textContent: "" } },
        ],
        texts: [{ id: 8, value: `.${BENIGN.hashedClass}{content:"${NEEDLES.email}"}` }],
        attributes: [],
        removes: [],
      }),
    ]);
    scanUpload(upload);
    const [canvas, custom, style] = upload.events;
    expect(canvas.data).toMatchObject({ commands: [{ property: "fillText", args: ["Hi [email]", 10, 20] }] });
    expect(custom).toEqual({ type: 5, data: { tag: "checkout", payload: { note: "card [card]", total: 1299 } }, timestamp: T0, by: "[email]" });
    // As CSS: the selector (which the text patterns would take for a token) is kept, the string redacted.
    expect(style.data).toMatchObject({ texts: [{ id: 8, value: `.${BENIGN.hashedClass}{content:"[email]"}` }] });
  });

  it("drops the payload of a data: URL that is not an image or a font, as the URL policy does", () => {
    const upload = parsed([
      event({ source: 0, adds: [], texts: [], removes: [], attributes: [{ id: 4, attributes: { src: `data:text/html,<p>${NEEDLES.email}</p>` } }] }),
    ]);
    expect(scanUpload(upload)).toEqual({ url: 1 });
    expect(upload.events[0].data).toMatchObject({ attributes: [{ id: 4, attributes: { src: "data:" } }] });
  });
});

describe("redactionMetrics", () => {
  it("is one server_redactions increment per class", () => {
    expect(redactionMetrics({ email: 2, url: 1 })).toEqual([
      { name: "server_redactions", label: "email", value: 2 },
      { name: "server_redactions", label: "url", value: 1 },
    ]);
  });
});
