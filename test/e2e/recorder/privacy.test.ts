import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { outputDir } from "../../helpers/browser.ts";
import { BENIGN, NEEDLES, piiPageHtml } from "../../helpers/recorder/pii-page.ts";
import { listSessionIds, readStoredSession, useRecorderRig, waitFor, type StoredChunk } from "../../helpers/recorder/rig.ts";

const USER = "pii-user";
const rig = useRecorderRig(USER, (origin, token) => ({ "/": piiPageHtml(origin, token) }), { REPLAY_PRIVATE_SELECTORS: ".secret-from-server" });

describe("recorder privacy (real Chromium, cross-origin host page)", () => {
  it("stores no personal data from any listed place, yet keeps benign text and clicks", async () => {
    const page = await rig.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${rig.host.origin}/?email=${NEEDLES.pageUrlEmail}%40example.com&session_token=${NEEDLES.pageUrlToken}&page=2#access_token=${NEEDLES.pageFragment}`);
    await page.waitForFunction(() => (window as unknown as { __statuses: Array<{ state: string }> }).__statuses?.some((s) => s.state === "recording"));

    await page.fill("#name", NEEDLES.typedName);
    await page.fill("#email", NEEDLES.typedEmail);
    await page.type("#phone", NEEDLES.typedPhone);
    await page.type("#pw", NEEDLES.typedPassword);
    await page.fill("#num", NEEDLES.typedNumber);
    await page.fill("#search", NEEDLES.typedSearch);
    await page.fill("#url", `https://${NEEDLES.typedUrl}`);
    await page.fill("#date", NEEDLES.typedDate);
    await page.type("#ta", `My ${NEEDLES.textarea}`);
    await page.selectOption("#sel", "opt-wakanda");
    await page.check("#cb");
    await page.check("#rb");
    await page.click("#ce");
    await page.keyboard.type(`Dear doctor, my ${NEEDLES.contentEditable}`);
    await page.type("#toggle", "Toggled-");
    await page.evaluate(() => ((document.getElementById("toggle") as HTMLInputElement).type = "text"));
    await page.type("#toggle", "PW-visible");
    await page.evaluate(() => (window as unknown as { __later(): void }).__later());
    await page.click("#report");
    await page.evaluate((q) => history.pushState({}, "", `/next?ssn=${q.ssn}&q=${q.email}%40example.com`), { ssn: NEEDLES.pushedSsn, email: NEEDLES.pushedEmail });
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as unknown as { __rec: { flush(): Promise<void> } }).__rec.flush());
    await page.screenshot({ path: `${await outputDir("recorder")}/privacy-page.png`, fullPage: true });

    const [sessionId] = await waitFor(async () => {
      const ids = await listSessionIds(rig.worker, USER);
      return ids.length ? ids : undefined;
    });
    const session = await readStoredSession(rig.worker, sessionId);
    expect(session?.userId).toBe(USER);
    const chunks = session!.chunks;
    const text = chunks.map((c: StoredChunk) => c.text).join("\n");
    await writeFile(`${await outputDir("recorder")}/privacy-stored.json`, text);
    // JSON escapes nothing in these needles except "/" never; compare on the raw text and its unescaped form.
    const unescaped = JSON.stringify(chunks.flatMap((c) => c.events)).replace(/\\"/g, '"');
    const leaked = Object.entries(NEEDLES).filter(([, needle]) => text.includes(needle) || unescaped.includes(needle));
    expect(leaked).toEqual([]);

    for (const benign of BENIGN) expect(text).toContain(benign);
    const events = chunks.flatMap((c) => c.events);
    const clicks = events.filter((e) => e.type === 3 && e.data.source === 2 && e.data.type === 2);
    expect(clicks.length).toBeGreaterThan(0);
    // Checked state and the chosen option are answers too.
    expect(events.some((e) => e.type === 3 && e.data.source === 5 && e.data.isChecked === true)).toBe(false);
    expect(text).not.toMatch(/"selected":true/);
    expect(events.some((e) => e.type === 3 && e.data.source === 5 && String(e.data.text).startsWith("opt-"))).toBe(false);
    // Redaction leaves a trace of what was there, and the navigation is recorded with its redacted URL.
    expect(text).toContain("[email]");
    expect(text).toContain("[card]");
    expect(text).toContain("[phone]");
    expect(text).toContain("[secret]");
    const nav = events.find((e) => e.type === 5 && e.data.tag === "navigation");
    expect((nav?.data.payload as { href: string }).href).toMatch(/\/next\?ssn=redacted&q=redacted$/);
    const meta = events.find((e) => e.type === 4);
    expect(meta?.data.href).toMatch(/\?email=redacted&session_token=redacted&page=2#access_token=redacted$/);
    // One redaction policy: the session list shows the very URL the replay shows.
    expect(session?.lastUrl).toBe(`${rig.host.origin}/next?ssn=redacted&q=redacted`);
    expect(session?.lastUrl).toBe((nav?.data.payload as { href: string }).href);
    // Blocked elements keep their box (rr_width/rr_height) for the replay's layout.
    expect(text).toMatch(/"rr_width":"\d/);
    // Chunks are numbered from 0 without gaps, each in time order.
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    for (const c of chunks) for (let i = 1; i < c.events.length; i++) expect(c.events[i].timestamp).toBeGreaterThanOrEqual(c.events[i - 1].timestamp);
    expect(errors).toEqual([]);
    await page.close();
  });
});
