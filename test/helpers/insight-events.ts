import { numberedNodes } from "./rrweb-nodes.ts";

/** Synthetic rrweb events for insight detection: a page with a Pay button, a link, text, clicks and answers. */

/** Fixed base time (2026-01-01). */
export const T = 1_767_225_600_000;
/** rrweb node ids of the synthetic page. */
export const NODE = { pay: 10, payText: 11, payIcon: 12, help: 20, text: 30, submit: 40, plainInput: 41, anchor: 50 } as const;

/** An rrweb event as detection reads it. */
export type SyntheticEvent = { type: number; timestamp: number; data: Record<string, unknown> };

/** A Meta event (navigation) at `at`. */
export function meta(at: number, href = "https://shop.example.com/cart?id=42#top", width = 1000, height = 500): SyntheticEvent {
  return { type: 4, timestamp: at, data: { href, width, height } };
}

/** A full snapshot of the page: a button with a span, a link, a paragraph, two inputs, an anchor without href. */
export function snapshot(at: number): SyntheticEvent {
  const { el, text } = numberedNodes();
  const body = el(2, "body", {}, [
    el(NODE.pay, "button", { id: "pay" }, [text(NODE.payText, " Pay "), el(NODE.payIcon, "span", { class: "icon" })]),
    el(NODE.help, "a", { href: "/help" }, [text(21, "Help")]),
    el(NODE.text, "p", {}, [text(31, "Plain text")]),
    el(NODE.submit, "input", { type: "submit", value: "Send" }),
    el(NODE.plainInput, "input", { type: "text" }),
    el(NODE.anchor, "a", {}, [text(51, "No link")]),
  ]);
  return { type: 2, timestamp: at, data: { node: { type: 0, id: 1, childNodes: [el(3, "html", {}, [body])] }, initialOffset: { top: 0, left: 0 } } };
}

/** Meta + full snapshot at `at`, as rrweb starts a page. */
export function pageStart(at: number, href?: string, width?: number, height?: number): SyntheticEvent[] {
  return [meta(at, href, width, height), snapshot(at)];
}

/** A click on node `id` at (x, y) CSS pixels. */
export function click(at: number, id: number, x = 100, y = 100): SyntheticEvent {
  return { type: 3, timestamp: at, data: { source: 2, type: 2, id, x, y } };
}

/** A DOM mutation (a text change) at `at`. */
export function mutation(at: number, data: Record<string, unknown> = { texts: [{ id: 31, value: "Changed" }] }): SyntheticEvent {
  return { type: 3, timestamp: at, data: { source: 0, adds: [], removes: [], texts: [], attributes: [], ...data } };
}

/** A mouse move (not an answer). */
export function move(at: number): SyntheticEvent {
  return { type: 3, timestamp: at, data: { source: 1, positions: [{ x: 1, y: 1, id: 2, timeOffset: 0 }] } };
}

/** A scroll (an answer). */
export function scroll(at: number): SyntheticEvent {
  return { type: 3, timestamp: at, data: { source: 3, id: 1, x: 0, y: 300 } };
}

/** A viewport resize. */
export function resize(at: number, width: number, height: number): SyntheticEvent {
  return { type: 3, timestamp: at, data: { source: 4, width, height } };
}
