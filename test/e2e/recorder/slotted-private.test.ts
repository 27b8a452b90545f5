import { beforeAll, describe, expect, it } from "vitest";
import { EventType, IncrementalSource } from "../../../protocol/rrweb.ts";
import { allNodes, allStrings, idsOf, type StoredEvent } from "../../helpers/recorder/canary/stored.ts";
import { firstSessionOf, flushRecorder, readStoredSession, useRecorderRig, waitForRecording } from "../../helpers/recorder/rig.ts";

const USER = "slotted-private-user";

// Made-up names: no redaction pattern hides them, so only masking keeps them out of storage.
const AT_LOAD = { title: "Brominda Quorvale", email: "Caldrette Fennwick", href: "Drevomira", placeholder: "Gormustine Halley", text: "Istrardine Jorv" };
const ADDED = {
  title: "Kelmibald Lornett",
  email: "Mirdelwyn Norvik",
  href: "Orthomira",
  placeholder: "Pelloric Raskin",
  text: "Sorvardine Tarne",
  bare: "Ulthibald Varno",
};
const CHANGED = { title: "Wendomira Xothe", note: "Yarlustine Zephyr", placeholder: "Bromelwyn Calder" };
const PUBLIC = "Benign public caption";

/** A light child of the host: shown through the host's <slot>, which sits inside a private element. */
function slottedMarkup(id: string, v: { title: string; email: string; href: string; placeholder: string; text: string }): string {
  return `<a id="${id}" title="${v.title}" data-email="${v.email}" href="/patients/${v.href}?token=${v.href}">${v.text}</a><input id="${id}-input" placeholder="${v.placeholder}" value="${v.placeholder}">`;
}

function page(origin: string, token: string): string {
  return `<!doctype html><body><p id="public">${PUBLIC}</p>
<div id="host">${slottedMarkup("at-load", AT_LOAD)}</div>
<script>
  const host = document.getElementById("host");
  host.attachShadow({ mode: "open" }).innerHTML = '<div data-private><slot></slot></div>';
  window.__add = () => {
    const box = document.createElement("div");
    box.innerHTML = ${JSON.stringify(slottedMarkup("added", ADDED))};
    host.append(...box.childNodes, document.createTextNode(${JSON.stringify(ADDED.bare)}));
  };
  window.__change = () => {
    for (const id of ["at-load", "added"]) {
      const a = document.getElementById(id);
      a.title = ${JSON.stringify(CHANGED.title)};
      a.setAttribute("data-note", ${JSON.stringify(CHANGED.note)});
      document.getElementById(id + "-input").placeholder = ${JSON.stringify(CHANGED.placeholder)};
    }
  };
</script>
<script type="module">
  import { startRecording } from "${origin}/recorder.js";
  window.__statuses = [];
  window.__rec = startRecording({ endpoint: "${origin}", token: ${JSON.stringify(token)}, flushIntervalMs: 1000, onStatus: (s) => window.__statuses.push(s) });
</script></body>`;
}

const rig = useRecorderRig(USER, (origin, token) => ({ "/": page(origin, token) }));

type Win = { __add(): void; __change(): void };
let events: StoredEvent[] = [];

/** The stored strings of events of one kind: the full snapshot, the mutations that add nodes, those that change attributes. */
function stringsOf(pick: (e: StoredEvent) => unknown): string {
  return allStrings(events.map(pick).filter((v) => v !== undefined)).join("\n");
}
const isMutation = (e: StoredEvent) => e.type === EventType.IncrementalSnapshot && e.data.source === IncrementalSource.Mutation;

beforeAll(async () => {
  const tab = await rig.browser.newPage();
  await tab.goto(rig.host.origin);
  await waitForRecording(tab);
  // Separate tasks, so rrweb sends the adds and the attribute changes as mutations of their own.
  await tab.evaluate(() => (window as unknown as Win).__add());
  await tab.waitForTimeout(200);
  await tab.evaluate(() => (window as unknown as Win).__change());
  await tab.waitForTimeout(200);
  await flushRecorder(tab);
  await tab.close();
  const sessionId = await firstSessionOf(rig.worker, USER);
  events = (await readStoredSession(rig.worker, sessionId))?.chunks.flatMap((c) => c.events) ?? [];
});

describe("a host's light children shown through a slot inside a private element of its shadow root", () => {
  it("are recorded, next to public text kept as it is", () => {
    expect(stringsOf((e) => (e.type === EventType.FullSnapshot ? e.data : undefined))).toContain(PUBLIC);
    // Both anchors reached the replay (the at-load one in the snapshot, the added one in a mutation), so nothing below passes by their absence.
    const anchors = allNodes(events).filter((n) => n.tagName === "a");
    expect(anchors.length).toBe(2);
    const changed = events.filter(isMutation).flatMap((e) => (e.data.attributes ?? []) as Array<{ id: number; attributes: Record<string, unknown> }>);
    expect(changed.some((c) => "data-note" in c.attributes)).toBe(true);
  });

  it("keep their attributes and text out of the full snapshot", () => {
    const snapshot = stringsOf((e) => (e.type === EventType.FullSnapshot ? e.data : undefined));
    expect(Object.values(AT_LOAD).filter((v) => snapshot.includes(v))).toEqual([]);
  });

  it("keep their attributes and text out of the mutation that adds them", () => {
    const adds = stringsOf((e) => (isMutation(e) ? e.data.adds : undefined));
    expect(Object.values(ADDED).filter((v) => adds.includes(v))).toEqual([]);
  });

  it("keep a changed attribute out of the mutation that changes it, for an element present at load and one added later", () => {
    const changes = stringsOf((e) => (isMutation(e) ? e.data.attributes : undefined));
    expect(Object.values(CHANGED).filter((v) => changes.includes(v))).toEqual([]);
  });

  it("store none of it anywhere", () => {
    const all = allStrings(events).join("\n");
    expect([...Object.values(AT_LOAD), ...Object.values(ADDED), ...Object.values(CHANGED)].filter((v) => all.includes(v))).toEqual([]);
    expect(idsOf(events, "added")).toEqual([]); // the id attribute is masked like every other attribute value
  });
});
