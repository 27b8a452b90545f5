import { build } from "esbuild";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { flushRecorder, readStoredSession, recordPage, type StoredChunk, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

// A table the page renders anew on every sort (new rows, new cells: nothing moved), the way a
// list without keys is rendered again. Some rows cannot be kept: one holds a field, one a private
// name, one a link whose text changes when it is rendered again.
const SCRIPT = `
const people = Array.from({ length: 24 }, (_, i) => ({ name: "Person " + String.fromCharCode(65 + i), age: 20 + ((i * 7) % 30), city: ["Oslo", "Lima", "Pune"][i % 3] }));
let round = 0;
function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
function render(key, dir) {
  round++;
  const rows = [...people].sort((a, b) => (a[key] > b[key] ? dir : -dir)).map((p, i) => {
    const tr = document.createElement("tr");
    tr.className = "row";
    tr.append(cell(p.name), cell(String(p.age)));
    const city = document.createElement("td");
    city.innerHTML = "<b>" + p.city + "</b> <i>city</i>";
    const edit = document.createElement("button");
    edit.textContent = "Edit";
    tr.append(city, edit);
    if (p.name === "Person C") { const input = document.createElement("input"); input.value = "typed"; tr.append(input); }
    if (p.name === "Person D") { const secret = document.createElement("span"); secret.dataset.private = ""; secret.textContent = "canary-name-4417"; tr.append(secret); }
    if (p.name === "Person E") { const a = document.createElement("a"); a.href = "/people/e"; a.textContent = "round " + round; tr.append(a); }
    return tr;
  });
  document.querySelector("#people tbody").replaceChildren(...rows);
  return [...document.querySelectorAll("#people tbody tr")].map((tr) => tr.textContent);
}
window.__render = render;
// A keyed list re-sorted: the same row elements, moved.
window.__reverse = () => {
  const tbody = document.querySelector("#people tbody");
  tbody.append(...[...tbody.children].reverse());
  return [...tbody.querySelectorAll("tr")].map((tr) => tr.textContent);
};
render("name", 1);
`;

function page(origin: string, token: string, options = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><table id="people"><tbody></tbody></table>
  <script>${SCRIPT}</script>
  <script type="module">
    import { startRecording } from "${origin}/recorder.js";
    window.__statuses = [];
    window.__rec = startRecording({ endpoint: "${origin}", token: "${token}", onStatus: (s) => window.__statuses.push(s)${options} });
  </script></body></html>`;
}

// Items with a text attribute, recorded with all text masked (the recorder masks the attribute;
// the server would not), rendered anew the moment rrweb has taken its full snapshot: that
// snapshot's scrub waits for an idle moment, so it is still pending.
const CONTACT = "Write to Carol Zhang";
function renderAtStartPage(origin: string, token: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><ul id="contacts"></ul><script>
  window.__renderContacts = () => document.getElementById("contacts").replaceChildren(...["Ann", "Bob", "Cy"].map((name) => {
    const li = document.createElement("li"); li.title = "${CONTACT}"; li.textContent = name; return li;
  }));
  window.__renderContacts();
  </script><script type="module">
    import { startRecording } from "${origin}/recorder.js";
    window.__statuses = [];
    window.__rec = startRecording({ endpoint: "${origin}", token: "${token}", maskAllText: true, onStatus: (s) => {
      window.__statuses.push(s);
      if (s.state === "recording") window.__renderContacts();
    } });
  </script></body></html>`;
}

// The admin UI's player (rrweb-player and the replayer it carries), on a page of its own.
const PLAYER_PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="player"></div><script type="module" src="/player.js"></script></body></html>`;
const PLAYER_ENTRY = `import Player from "rrweb-player";
window.__replay = (events) => {
  const player = new Player({ target: document.getElementById("player"), props: { events, autoPlay: false, showController: false } });
  window.__replayer = player.getReplayer();
};
window.__rowsAt = (offset) => {
  window.__replayer.pause(offset);
  const doc = window.__replayer.iframe.contentDocument;
  return [...doc.querySelectorAll("#people tbody tr")].map((tr) => tr.textContent);
};
window.__playFrom = (from, until) => new Promise((resolve) => {
  const replayer = window.__replayer;
  replayer.play(from);
  const timer = setInterval(() => {
    if (replayer.getCurrentTime() < until) return;
    clearInterval(timer);
    replayer.pause();
    resolve([...replayer.iframe.contentDocument.querySelectorAll("#people tbody tr")].map((tr) => tr.textContent));
  }, 50);
});`;

async function playerScript(): Promise<string> {
  const out = await build({ stdin: { contents: PLAYER_ENTRY, resolveDir: process.cwd() }, bundle: true, format: "esm", write: false, logLevel: "error" });
  return out.outputFiles[0].text;
}

const rig = useRecorderRig("reuse-removed-user", async (origin, token) => ({
  "/people": page(origin, token),
  // A private selector that depends on the row's place: a row kept from elsewhere could show unmasked where it now is private.
  "/people-first-private": page(origin, token, ', privateSelectors: ["tr:first-child"]'),
  "/contacts": renderAtStartPage(origin, token),
  "/player": PLAYER_PAGE,
  "/player.js": { type: "text/javascript", body: await playerScript() },
}));

type StoredEvent = StoredChunk["events"][number];
interface MutationData {
  adds: Array<{ parentId: number; node: { id: number; type: number; tagName?: string } }>;
  removes: Array<{ id: number }>;
}

/** What the replay shows for a private name (the text masked) and nothing else changed. */
function masked(rows: string[]): string[] {
  return rows.map((row) => row.replace("canary-name-4417", "*".repeat("canary-name-4417".length)));
}

type Step = { at: number; rows: string[] };

/** Evaluates `change` in the page (it returns the rows it left), then waits past the recorder's mutation batch (500 ms). */
async function changeAndWait(tab: Page, change: string): Promise<Step> {
  const rows = (await tab.evaluate(change)) as string[];
  const at = await tab.evaluate(() => Date.now());
  await tab.waitForTimeout(1200);
  return { at, rows };
}

const sortBy = (key: string, dir: number) => (tab: Page) => changeAndWait(tab, `window.__render(${JSON.stringify(key)}, ${dir})`);
const reverse = (tab: Page) => changeAndWait(tab, "window.__reverse()");

/** The session's events once `count` list changes (mutations of 20 adds or more) are stored, and those changes. */
async function storedChanges(sessionId: string, count: number): Promise<{ events: StoredEvent[]; changes: MutationData[] }> {
  const isChange = (e: StoredEvent) => e.type === 3 && e.data.source === 0 && (e.data.adds as unknown[]).length >= 20;
  const events = await waitFor(async () => {
    const stored = await readStoredSession(rig.worker, sessionId);
    const all = (stored?.chunks ?? []).flatMap((c) => c.events);
    return all.filter(isChange).length >= count && all;
  });
  return { events, changes: events.filter(isChange).map((e) => e.data as unknown as MutationData) };
}

/**
 * Replays `events` in the admin UI's player and checks the rows it shows after each step, sought
 * forward one step at a time, back to the first (the replayer rebuilds from the snapshot), and
 * played in real time from the first step to the end (its other path: each mutation applied to the live frame).
 */
async function expectReplayedRows(events: StoredEvent[], steps: Step[]): Promise<void> {
  const player = await rig.browser.newPage();
  await player.goto(`${rig.host.origin}/player`);
  await player.evaluate((evs) => (window as unknown as { __replay(e: unknown): void }).__replay(evs), events);
  const start = events[0].timestamp;
  const end = events[events.length - 1].timestamp - start;
  // Never past the end: a replayer sought beyond it finishes at once when played again.
  const settled = (step: Step) => Math.min(step.at - start + 900, end);
  const rowsAt = (offset: number) => player.evaluate((o) => (window as unknown as { __rowsAt(o: number): string[] }).__rowsAt(o), offset);
  for (const step of steps) expect(await rowsAt(settled(step))).toEqual(masked(step.rows));
  expect(await rowsAt(settled(steps[0]))).toEqual(masked(steps[0].rows));
  const played = await player.evaluate(
    ([from, until]) => (window as unknown as { __playFrom(f: number, u: number): Promise<string[]> }).__playFrom(from, until),
    [settled(steps[0]), end],
  );
  expect(played).toEqual(masked(steps[steps.length - 1].rows));
  await player.close();
}

/** Records `path` through `changes`, one after another: the tab, the page's rows after each, and what the server stored. */
async function recordChanges(path: string, changes: Array<(tab: Page) => Promise<Step>>) {
  const { page: tab, sessionId } = await recordPage(rig, path);
  await tab.waitForTimeout(800);
  const steps: Step[] = [];
  for (const change of changes) steps.push(await change(tab));
  await flushRecorder(tab);
  return { tab, steps, ...(await storedChanges(sessionId, changes.length)) };
}

/** A change of the 24 rows in which `kept` rows were kept (one add each, no removal) and the others removed and added node by node. */
function expectKept(data: MutationData, kept: number): void {
  expect(data.removes.length).toBe(24 - kept);
  const rowAdds = data.adds.filter((a) => a.node.tagName === "tr");
  expect(rowAdds.length).toBe(24);
  expect(new Set(rowAdds.map((a) => a.parentId)).size).toBe(1);
  // A row added node by node is at most 16 nodes (cells, text, a button, a field or a link): far more than one add.
  expect(data.adds.length).toBeLessThan(kept + (24 - kept) * 16);
}

describe("a list rendered anew", () => {
  it("is recorded as the old rows kept and moved, and replays as the page showed it, played or sought", async () => {
    const { tab, steps, events, changes } = await recordChanges("/people", [sortBy("age", 1), sortBy("city", -1), sortBy("name", -1)]);
    expect(JSON.stringify(events)).not.toContain("canary-name-4417");
    // Each sort: the 21 rows that are the same again are kept; the 3 that differ or hold a field
    // or a private element are removed and added node by node, as rrweb does.
    for (const data of changes.slice(0, 3)) expectKept(data, 21);
    await expectReplayedRows(events, steps);
    await tab.close();
  });

  it("moved row by row (a keyed list) is recorded as one add per row, and replays as the page showed it", async () => {
    const { tab, steps, events, changes } = await recordChanges("/people", [reverse, reverse, sortBy("age", -1)]);
    expect(JSON.stringify(events)).not.toContain("canary-name-4417");
    // Each reversal: 22 rows moved as they are; the row with a field and the one with a private
    // name are removed and serialized again whole, as rrweb does.
    for (const data of changes.slice(0, 2)) expectKept(data, 22);
    await expectReplayedRows(events, steps);
    await tab.close();
  });

  it("is recorded node by node when a private selector depends on position", async () => {
    const {
      tab,
      steps: [step],
      changes: [data],
    } = await recordChanges("/people-first-private", [sortBy("age", -1)]);
    expectKept(data, 0);
    // The row now first is private: its text is stored masked, though the same row was shown before.
    const name = step.rows[0].slice(0, "Person X".length);
    expect(name).toMatch(/^Person [A-X]$/);
    expect(JSON.stringify(data)).not.toContain(`"${name}"`);
    expect(JSON.stringify(data)).toContain(`"${step.rows[1].slice(0, "Person X".length)}"`);
    await tab.close();
  });

  it("kept just after the full snapshot are sent scrubbed (the snapshot's pending scrub runs first)", async () => {
    const { page: tab, sessionId } = await recordPage(rig, "/contacts");
    await flushRecorder(tab);
    const events = await waitFor(async () => {
      const stored = await readStoredSession(rig.worker, sessionId);
      const all = (stored?.chunks ?? []).flatMap((c) => c.events);
      return all.some((e) => e.type === 3 && e.data.source === 0 && (e.data.adds as unknown[]).length === 3) && all;
    });
    const rerender = events.find((e) => e.type === 3 && e.data.source === 0 && (e.data.adds as unknown[]).length === 3);
    const data = rerender?.data as unknown as MutationData;
    // The three items were kept (one add each, no removal), and their attribute is the masked one.
    expect(data.removes).toEqual([]);
    expect(data.adds.map((a) => a.node.tagName)).toEqual(["li", "li", "li"]);
    expect(JSON.stringify(events)).not.toContain(CONTACT);
    expect(JSON.stringify(events)).not.toContain("Carol");
    await tab.close();
  });
});
