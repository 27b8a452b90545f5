import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { flushRecorder, listSessionIds, readStoredSession, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

type Win = { __rec: { getSessionId(): string | null }; __statuses: Array<{ state: string; sessionId?: string }> };

function page(origin: string, title: string, token: string) {
  return `<!doctype html><body><h1>${title}</h1><script type="module">
    import { startRecording } from "${origin}/recorder.js";
    window.__statuses = [];
    window.__rec = startRecording({ endpoint: "${origin}", token: "${token}", onStatus: (s) => window.__statuses.push(s) });
  </script></body>`;
}

const sessionOf = (p: Page) => p.evaluate(() => (window as unknown as Win).__rec.getSessionId());
const recordings = (p: Page) => p.evaluate(() => (window as unknown as Win).__statuses.filter((s) => s.state === "recording").length);

const rig = useRecorderRig("dup-tab-user", (origin, token) => ({
  "/original": page(origin, "Original tab", token),
  "/copy": page(origin, "Copied tab", token),
}));

describe("a duplicated tab", () => {
  it("moves to a session of its own instead of writing the original's seqs", async () => {
    const context = await rig.browser.newContext();
    const original = await context.newPage();
    await original.goto(`${rig.host.origin}/original`);
    await waitFor(async () => ((await sessionOf(original)) ? true : undefined));
    const originalSession = await sessionOf(original);
    const stored = await original.evaluate(() => sessionStorage.getItem("edge-replay:session"));

    // What Chromium does when a tab is duplicated: the new tab starts with a copy of sessionStorage.
    const copy = await context.newPage();
    await copy.addInitScript((value) => sessionStorage.setItem("edge-replay:session", value as string), stored);
    await copy.goto(`${rig.host.origin}/copy`);
    await waitFor(async () => ((await recordings(copy)) >= 2 ? true : undefined));
    const copySession = await sessionOf(copy);
    expect(copySession).not.toBe(originalSession);
    expect(await sessionOf(original)).toBe(originalSession);

    await flushRecorder(original);
    await flushRecorder(copy);
    const ids = await waitFor(async () => {
      const list = await listSessionIds(rig.worker, "dup-tab-user");
      return list.includes(originalSession!) && list.includes(copySession!) ? list : undefined;
    });
    expect(ids).toContain(copySession);

    // Each session holds only its own tab's page, from seq 0 with no gaps, starting at a full snapshot.
    const a = (await readStoredSession(rig.worker, originalSession!))!;
    const b = (await readStoredSession(rig.worker, copySession!))!;
    const text = (s: typeof a) => s.chunks.map((c) => c.text).join("\n");
    expect(text(a)).toContain("Original tab");
    expect(text(a)).not.toContain("Copied tab");
    expect(text(b)).toContain("Copied tab");
    expect(text(b)).not.toContain("Original tab");
    for (const s of [a, b]) {
      expect(s.chunks.map((c) => c.seq)).toEqual(s.chunks.map((_, i) => i));
      expect(s.chunks[0].events.some((e) => e.type === 2)).toBe(true);
    }
    await context.close();
  });
});
