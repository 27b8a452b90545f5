import { describe, expect, it } from "vitest";
import { EventType } from "../../../protocol/rrweb.ts";
import { firstSessionOf, readStoredSession, useRecorderRig, waitFor } from "../../helpers/recorder/rig.ts";

const SECRET = "Zelda-Secret-7731";
const EMAIL = "zelda.q@example.org";

// The first page leaves the moment rrweb has taken its snapshot, and keeps its main thread busy
// until then, so no idle moment comes: the snapshot's rewrite and serialization (which wait for
// one, up to 500 ms) are still pending when the page hides. The second page records normally.
function page(origin: string, token: string, leaveAtOnce: boolean): string {
  const onRecording = leaveAtOnce
    ? `const spin = () => { const end = performance.now() + 30; while (performance.now() < end) {} setTimeout(spin, 0); }; spin(); location.href = "/next";`
    : "";
  return `<!doctype html><body><h1>Account</h1><p data-private>${SECRET}</p><p>Write to ${EMAIL}</p><script type="module">
    window.__statuses = [];
    import { startRecording } from "${origin}/recorder.js";
    window.__rec = startRecording({ endpoint: "${origin}", token: ${JSON.stringify(token)}, onStatus: (s) => {
      window.__statuses.push(s);
      if (s.state === "recording") { ${onRecording} }
    } });
  </script></body>`;
}

const rig = useRecorderRig("snapshot-finish-user", (origin, token) => ({ "/": page(origin, token, true), "/next": page(origin, token, false) }));

describe("a full snapshot still being finished when the page hides", () => {
  it("is sent scrubbed: private text masked, an e-mail redacted", async () => {
    const tab = await rig.browser.newPage();
    await tab.goto(rig.host.origin);
    await tab.waitForURL("**/next");
    const sessionId = await firstSessionOf(rig.worker, "snapshot-finish-user");
    await tab.evaluate(() => (window as unknown as { __rec: { flush(): Promise<void> } }).__rec.flush());
    // Both pages' snapshots are stored (the second page sends what the first left in storage, if anything).
    const chunks = await waitFor(
      async () => {
        const stored = await readStoredSession(rig.worker, sessionId);
        const snapshots = stored?.chunks.flatMap((c) => c.events).filter((e) => e.type === EventType.FullSnapshot) ?? [];
        return snapshots.length >= 2 ? stored?.chunks : undefined;
      },
      30_000,
      "both pages' full snapshots",
    );
    const text = chunks.map((c) => c.text).join("");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(EMAIL);
    expect(text).toContain("[email]");
    await tab.close();
  });
});
