import { writeFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { outputDir } from "../../helpers/browser.ts";
import { buildCanaryPage, type CanaryPage } from "../../helpers/recorder/canary/page.ts";
import { allNodes, allStrings, frameTexts, idsOf, inputsOf, snapshotTextOf, type StoredEvent, variantsOf } from "../../helpers/recorder/canary/stored.ts";
import { firstSessionOf, flushRecorder, readStoredSession, useRecorderRig, waitForRecording } from "../../helpers/recorder/rig.ts";

const USER = "pii-user";
let canary: CanaryPage;
const rig = useRecorderRig(
  USER,
  (origin, token) => {
    canary = buildCanaryPage(origin, token);
    return canary.pages;
  },
  { REPLAY_PRIVATE_SELECTORS: ".secret-from-server" },
);

type Win = { __later(): void; __laterErrors: string[] };

/** What one recording of the canary page stored, read back from the worker. */
const stored = {
  events: [] as StoredEvent[],
  text: "",
  strings: "",
  lastUrl: null as string | null,
  seqs: [] as number[],
  pageErrors: [] as string[],
  laterErrors: [] as string[],
};

beforeAll(async () => {
  const t = canary.typed;
  const page = await rig.browser.newPage();
  page.on("pageerror", (e) => stored.pageErrors.push(String(e)));
  await page.goto(`${rig.host.origin}${t.pagePath}${t.pageQuery}${t.pageHash}`);
  await waitForRecording(page);
  await page.waitForFunction(() =>
    ["private-frame", "srcdoc-frame", "design-frame"].every(
      (id) => (document.getElementById(id) as HTMLIFrameElement).contentDocument?.readyState === "complete",
    ),
  );

  await page.fill("#name", t.name);
  await page.fill("#email", t.email);
  await page.type("#phone", t.phone);
  await page.type("#pw", t.password);
  await page.type("#ta", `My ${t.textarea}`);
  await page.click("#ce");
  await page.keyboard.type(`Dear doctor, ${t.editable}`);
  await page.type("#switch", t.switched);
  await page.evaluate(() => ((document.getElementById("switch") as HTMLInputElement).type = "submit"));
  await page.type("#answer-short", t.short);
  await page.type("#answer-long", t.long);
  await page.type("#shadow-input", t.shadow);
  await page.type("#toggle", t.toggled.slice(0, 4));
  await page.evaluate(() => ((document.getElementById("toggle") as HTMLInputElement).type = "text"));
  await page.type("#toggle", t.toggled.slice(4));
  await page.selectOption("#sel", "opt-wakanda");
  await page.check("#cb");
  await page.check("#rb");
  await page.click("#opt-a");
  await page.click("#report");
  await page.evaluate(() => (window as unknown as Win).__later());
  await page.frameLocator("#design-frame").locator("body").click();
  await page.keyboard.type(` ${t.designMode}`);
  await page.waitForTimeout(300);
  stored.laterErrors = await page.evaluate(() => (window as unknown as Win).__laterErrors);
  await flushRecorder(page);
  await page.screenshot({ path: `${await outputDir("recorder")}/privacy-page.png`, fullPage: true });
  await page.close();

  const sessionId = await firstSessionOf(rig.worker, USER);
  const session = await readStoredSession(rig.worker, sessionId);
  expect(session?.userId).toBe(USER);
  const chunks = session?.chunks ?? [];
  stored.events = chunks.flatMap((c) => c.events);
  stored.text = chunks.map((c) => c.text).join("\n");
  stored.strings = allStrings(stored.events).join("\n");
  stored.lastUrl = session?.lastUrl ?? null;
  stored.seqs = chunks.map((c) => c.seq);
  await writeFile(`${await outputDir("recorder")}/privacy-stored.json`, stored.text);
});

describe("recorder privacy: the adversarial canary page (real Chromium, cross-origin host page)", () => {
  it("places at least 100 unique needles across every leak class", () => {
    expect(canary.placements.length).toBeGreaterThanOrEqual(100);
    expect(new Set(canary.placements.map((p) => p.kind))).toEqual(new Set(["css", "private", "split-text", "url", "form", "attribute", "text"]));
    const needles = canary.placements.flatMap((p) => p.needles);
    expect(new Set(needles).size).toBe(needles.length);
  });

  it("stores none of them, nor their lowercased, digits-only or percent-encoded forms", () => {
    const haystack = `${stored.text}\n${stored.strings}\n${stored.lastUrl}`;
    const leaked = canary.placements.filter((p) => p.needles.some((n) => variantsOf(n).some((v) => haystack.includes(v)))).map((p) => `${p.kind}: ${p.where}`);
    expect(leaked).toEqual([]);
    // Every later mutation ran, so none of its placements was skipped.
    expect(stored.laterErrors).toEqual([]);
    expect(stored.pageErrors).toEqual([]);
  });

  it("keeps benign text, link and image paths, prices, dates, ids and the page's CSS as they are", () => {
    for (const text of canary.benignText) expect(stored.strings).toContain(text);
    for (const path of canary.benignPaths) expect(stored.strings).toContain(`${rig.host.origin}${path}`);
    for (const css of canary.benignCss) expect(stored.strings).toContain(css);
    // A field's name is a label of the form, not what was typed (its id is masked: a <textarea> is private).
    const textarea = allNodes(stored.events).find((n) => n.tagName === "textarea");
    expect(textarea?.attributes?.name).toBe("message");
    // Redaction leaves a trace of what was there.
    for (const placeholder of ["[email]", "[phone]", "[card]", "[iban]", "[ssn]", "[secret]"]) expect(stored.strings).toContain(placeholder);
  });

  it("redacts only the secret segments of the page's URL, the same in the replay and in the session list", () => {
    const meta = stored.events.find((e) => e.type === 4);
    expect(meta?.data.href).toBe(`${rig.host.origin}/invite/[secret]/?ref=redacted&page=2#/verify/[secret]`);
    const navs = stored.events.filter((e) => e.type === 5 && e.data.tag === "navigation").map((e) => (e.data.payload as { href: string }).href);
    expect(navs).toContain(`${rig.host.origin}/users/[email]/settings?ssn=redacted`);
    expect(navs).toContain(`${rig.host.origin}/users/[email]/settings?ssn=redacted#/verify/[secret]`);
    expect(navs.at(-1)).toBe(`${rig.host.origin}/users/[email]/settings?invite=redacted&tab=profile`);
    expect(stored.lastUrl).toBe(navs.at(-1));
  });

  it("judges text split across nodes as one string", () => {
    expect(snapshotTextOf(stored.events, "split-card")).toBe("Card [card]");
    expect(snapshotTextOf(stored.events, "split-phone")).toBe("Call [phone]");
  });

  it("records typing in an open shadow root and a value set by script, masked to one length whatever was typed", () => {
    for (const id of ["shadow-input", "script-set", "name", "answer-short", "answer-long"])
      expect(inputsOf(stored.events, id).map((i) => i.text)).toContain("********");
    const short = inputsOf(stored.events, "answer-short").map((i) => i.text);
    const long = inputsOf(stored.events, "answer-long").map((i) => i.text);
    expect(new Set([...short, ...long])).toEqual(new Set(["********"]));
  });

  it("drops chosen options, checked state and ARIA choices, but keeps which tab is open", () => {
    const inputs = stored.events.filter((e) => e.type === 3 && e.data.source === 5);
    expect(inputs.some((e) => e.data.isChecked === true)).toBe(false);
    expect(inputs.some((e) => String(e.data.text).startsWith("opt-"))).toBe(false);
    expect(stored.text).not.toMatch(/"selected":true/);
    const roleOf = new Map(allNodes(stored.events).map((n) => [n.id, n.attributes?.role]));
    const chosen: unknown[] = [];
    for (const n of allNodes(stored.events))
      if (n.attributes?.["aria-selected"] === "true" || n.attributes?.["aria-checked"] === "true") chosen.push(n.attributes.role);
    for (const e of stored.events) {
      if (e.type !== 3 || e.data.source !== 0) continue;
      for (const change of e.data.attributes as Array<{ id: number; attributes: Record<string, unknown> }>)
        if ("aria-selected" in change.attributes) chosen.push(roleOf.get(change.id));
    }
    expect(chosen).toEqual(["tab"]);
  });

  it("reaches every CSS record rrweb makes, and the frames and editors on the page", () => {
    const sources = new Set(stored.events.filter((e) => e.type === 3).map((e) => e.data.source));
    for (const source of [8, 13, 15]) expect(sources).toContain(source); // StyleSheetRule, StyleDeclaration, AdoptedStyleSheet
    expect(stored.text).toContain('"_cssText"');
    expect(stored.text).toContain('"rr_src"');
    expect(stored.text).toMatch(/"rr_width":"\d/); // blocked elements keep their box
    expect(idsOf(stored.events, "shadow-input").length).toBeGreaterThan(0);
    // The designMode document's typing reached the replay, masked.
    const typed = frameTexts(stored.events, "Notes");
    expect(typed.length).toBeGreaterThan(0);
    for (const t of typed) expect(t).toMatch(/^[\s*]+$/);
  });

  it("keeps the recording whole: clicks, chunks numbered from 0, events in time order", () => {
    expect(stored.events.some((e) => e.type === 3 && e.data.source === 2 && e.data.type === 2)).toBe(true);
    expect(stored.seqs).toEqual(stored.seqs.map((_, i) => i));
    for (let i = 1; i < stored.events.length; i++) expect(stored.events[i].timestamp).toBeGreaterThanOrEqual(stored.events[i - 1].timestamp);
  });
});
