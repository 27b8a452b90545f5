import { describe, expect, it } from "vitest";
import { detectInsights, finishInsights, startInsights, type InsightState } from "../../../../worker/insights/detect-insights.ts";
import { digestEvents } from "../../../../worker/insights/insight-digest.ts";
import { MAX_TRACKED_NODES } from "../../../../worker/insights/tracked-nodes.ts";
import { click, move, mutation, NODE, pageStart, scroll, T, type SyntheticEvent } from "../../../helpers/insight-events.ts";

/**
 * detectInsights over the events, checked against the same over the upload worker's digest of
 * them: every case here proves the digest decides the same insights, heatmap clicks and state.
 */
function detect(events: SyntheticEvent[], state: InsightState) {
  const r = detectInsights(events, state);
  expect(detectInsights(digestEvents(events), state)).toEqual(r);
  return r;
}

/** Runs a whole session through detection, chunk by chunk, then finishes it. */
function runSession(...chunks: SyntheticEvent[][]) {
  let state = startInsights();
  const decided = [];
  for (const chunk of chunks) {
    const r = detect(chunk, state);
    decided.push(...r.insights);
    state = r.state;
  }
  return [...decided, ...finishInsights(state)].map((i) => ({ type: i.type, at: i.at - T, label: i.label, clicks: i.clicks }));
}

/** Runs one chunk that opens the page at T (its first full snapshot) and goes on with `events`. */
function runPage(...events: SyntheticEvent[]) {
  return runSession([...pageStart(T), ...events]);
}

describe("rage clicks", () => {
  it("finds 3 clicks each within 1 s and 30 px of the previous, dated by the first", () => {
    const found = runPage(click(T + 1000, NODE.text, 100, 100), click(T + 1900, NODE.text, 120, 100), click(T + 2800, NODE.text, 120, 125), move(T + 9000));
    expect(found).toEqual([{ type: "rage_click", at: 1000, label: null, clicks: 3 }]);
  });

  it("does not count clicks spaced over 1 s or 30 px apart", () => {
    const spacedInTime = [click(T + 1000, NODE.text), click(T + 2001, NODE.text), click(T + 3002, NODE.text)];
    const spacedInSpace = [click(T + 5000, NODE.text, 100, 100), click(T + 5100, NODE.text, 131, 100), click(T + 5200, NODE.text, 100, 100)];
    expect(runPage(...spacedInTime, ...spacedInSpace)).toEqual([]);
  });

  it("labels the burst with the button and does not also call its clicks dead", () => {
    const found = runPage(click(T + 1000, NODE.payIcon), click(T + 1200, NODE.pay), click(T + 1400, NODE.pay), click(T + 1600, NODE.pay));
    expect(found).toEqual([{ type: "rage_click", at: 1000, label: "button 'Pay'", clicks: 4 }]);
  });
});

describe("dead clicks", () => {
  it("calls a click on a button, a link or a submit input with no answer in 2.5 s dead", () => {
    const found = runPage(click(T + 1000, NODE.pay), move(T + 2000), click(T + 5000, NODE.help), click(T + 9000, NODE.submit), move(T + 20_000));
    expect(found).toEqual([
      { type: "dead_click", at: 1000, label: "button 'Pay'", clicks: 1 },
      { type: "dead_click", at: 5000, label: "a 'Help'", clicks: 1 },
      { type: "dead_click", at: 9000, label: "input 'Send'", clicks: 1 },
    ]);
  });

  it("does not call a click dead when a mutation, a scroll or a navigation answers it in time", () => {
    const found = runPage(
      click(T + 1000, NODE.pay),
      mutation(T + 3500),
      click(T + 5000, NODE.help),
      scroll(T + 5100),
      click(T + 9000, NODE.submit),
      ...pageStart(T + 10_000, "https://shop.example.com/done"),
      move(T + 30_000),
    );
    expect(found).toEqual([]);
  });

  it("calls a click dead when the answer comes after 2.5 s", () => {
    expect(runPage(click(T + 1000, NODE.pay), mutation(T + 3501))).toEqual([{ type: "dead_click", at: 1000, label: "button 'Pay'", clicks: 1 }]);
  });

  it("never calls a click on plain text, a text input or an anchor without href dead", () => {
    const found = runPage(click(T + 1000, NODE.text), click(T + 5000, NODE.plainInput, 400), click(T + 9000, NODE.anchor, 700), move(T + 20_000));
    expect(found).toEqual([]);
  });

  it("follows mutations: an added button, an anchor given an href, a removed button", () => {
    const added = { type: 2, id: 60, tagName: "button", attributes: {}, childNodes: [] };
    const found = runPage(
      mutation(T + 100, {
        adds: [
          { parentId: 2, nextId: null, node: added },
          { parentId: 60, nextId: null, node: { type: 3, id: 61, textContent: "New" } },
        ],
      }),
      mutation(T + 200, { attributes: [{ id: NODE.anchor, attributes: { href: "/x" } }] }),
      mutation(T + 300, { removes: [{ parentId: 2, id: NODE.pay }] }),
      click(T + 1000, 61),
      click(T + 5000, NODE.anchor, 400),
      click(T + 9000, NODE.payText, 700),
      move(T + 20_000),
    );
    expect(found.map((i) => [i.at, i.label])).toEqual([
      [1000, "button 'New'"],
      [5000, "a 'No link'"],
    ]);
  });
});

describe("nodes moved with what is inside them", () => {
  it("keeps a button's label when it is added again by its id alone (the recorder keeps a subtree rendered again)", () => {
    const again = { type: 2, id: NODE.pay, tagName: "button", attributes: {}, childNodes: [] };
    const found = runPage(mutation(T + 100, { adds: [{ parentId: 2, nextId: null, node: again }] }), click(T + 1000, NODE.payText), move(T + 20_000));
    expect(found).toEqual([{ type: "dead_click", at: 1000, label: "button 'Pay'", clicks: 1 }]);
  });
});

describe("chunk boundaries and finish", () => {
  it("keeps a click of the last 2.5 s pending and lets the next chunk answer it", () => {
    const first = detect([...pageStart(T), click(T + 1000, NODE.pay), move(T + 2100)], startInsights());
    expect(first.insights).toEqual([]);
    expect(first.state.waiting).toHaveLength(1);
    const second = detect([mutation(T + 3000), move(T + 9000)], first.state);
    expect(second.insights).toEqual([]);
    expect(finishInsights(second.state)).toEqual([]);
  });

  it("decides a pending click in the next chunk when no answer came", () => {
    const first = detect([...pageStart(T), click(T + 1000, NODE.pay)], startInsights());
    const second = detect([move(T + 4000)], first.state);
    expect(second.insights.map((i) => [i.type, i.at - T])).toEqual([["dead_click", 1000]]);
  });

  it("joins a burst across chunks", () => {
    expect(runSession([...pageStart(T), click(T + 1000, NODE.text), click(T + 1500, NODE.text)], [click(T + 2000, NODE.text)])).toEqual([
      { type: "rage_click", at: 1000, label: null, clicks: 3 },
    ]);
  });

  it("finish decides an open burst and calls every click still waiting dead", () => {
    const { insights, state } = detect(
      [...pageStart(T), click(T + 6000, NODE.help, 600), click(T + 7000, NODE.text), click(T + 7100, NODE.text), click(T + 7200, NODE.text)],
      startInsights(),
    );
    expect(insights).toEqual([]);
    expect(finishInsights(state).map((i) => [i.type, i.at - T])).toEqual([
      ["dead_click", 6000],
      ["rage_click", 7000],
    ]);
  });

  it("leaves the state passed in unchanged and keeps it plain JSON", () => {
    const start = startInsights();
    const { state } = detect([...pageStart(T), click(T + 1000, NODE.pay)], start);
    expect(start).toEqual(startInsights());
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("keeps the node map within its bound on a page that keeps adding buttons", () => {
    let state = detect(pageStart(T), startInsights()).state;
    for (let round = 0; round < 4; round++) {
      const adds = Array.from({ length: 2000 }, (_, i) => ({
        parentId: 2,
        nextId: null,
        node: { type: 2, id: 1000 + round * 2000 + i, tagName: "button", attributes: {}, childNodes: [] },
      }));
      state = detect([mutation(T + 100 + round, { adds })], state).state;
    }
    expect(Object.keys(state.nodes).length).toBeLessThanOrEqual(MAX_TRACKED_NODES);
    // The newest button is still known: a click on it with no answer is dead.
    const last = detect([click(T + 1000, 1000 + 4 * 2000 - 1), move(T + 9000)], state);
    expect(last.insights.map((i) => i.type)).toEqual(["dead_click"]);
  });
});

describe("the upload worker's digest", () => {
  it("keeps a click's meaning but not a big page's content", () => {
    const filler = Array.from({ length: 2000 }, (_, i) => ({
      type: 2,
      id: 1000 + i,
      tagName: "div",
      attributes: { class: "x".repeat(50) },
      childNodes: [{ type: 3, id: 5000 + i, textContent: "text ".repeat(40) }],
    }));
    const [metaEvent, snap] = pageStart(T);
    const body = (snap.data.node as { childNodes: Array<{ childNodes: unknown[] }> }).childNodes[0];
    body.childNodes.push(...filler);
    const events = [metaEvent, snap, click(T + 1000, NODE.pay), move(T + 1500), move(T + 9000)];
    const digest = digestEvents(events);
    expect(JSON.stringify(digest).length * 50).toBeLessThan(JSON.stringify(events).length);
    expect(detect(events, startInsights()).insights).toEqual([expect.objectContaining({ type: "dead_click", label: "button 'Pay'" })]);
  });

  it("keeps only the first answer after a click (later ones only tell the time), and an add's owner and text in one flat list", () => {
    const scrolls = (from: number) => Array.from({ length: 10 }, (_, i) => scroll(from + i * 100));
    // A button's label changes inside it (rrweb adds each node as its own entry), with nodeless adds beside.
    const relabel = mutation(T + 6100, {
      adds: [
        { parentId: NODE.pay, nextId: null, node: { type: 2, id: 90, tagName: "span", attributes: {}, childNodes: [] } },
        { parentId: 90, nextId: null, node: { type: 3, id: 91, textContent: "Paying" } },
        { parentId: NODE.pay, nextId: null },
      ],
    });
    const events = [...pageStart(T), click(T + 1000, NODE.pay), ...scrolls(T + 1100), click(T + 5000, NODE.help), ...scrolls(T + 5100), relabel];
    const digest = digestEvents(events);
    // Of each run of scrolls only the first stays; the relabel is one mutation with one flat add list.
    expect(digest.filter((e) => (e.data as { source?: number } | undefined)?.source === 3)).toHaveLength(2);
    expect(digest.at(-1)?.data).toMatchObject({ adds: [{ parentId: NODE.pay, node: null }], flatAdds: { n: [90, NODE.pay, 0, 91, 90, 1], s: ["Paying"] } });
    const after = detect(events, startInsights());
    expect(after.insights).toEqual([]);
    // The new text belongs to the button: a later unanswered click on it is labelled with it.
    const later = detect([click(T + 9000, 91), move(T + 20_000)], after.state);
    expect(later.insights).toEqual([expect.objectContaining({ type: "dead_click", label: "button 'Pay Paying'" })]);
    // A mutation of nodeless adds alone still answers, in the events and in the digest alike.
    const nodeless = detect(
      [click(T + 30_000, NODE.pay), mutation(T + 30_100, { adds: [{ parentId: NODE.pay, nextId: null }] }), move(T + 40_000)],
      later.state,
    );
    expect(nodeless.insights).toEqual([]);
  });
});
