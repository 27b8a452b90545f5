import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { recordRequests } from "../../helpers/browser.ts";
import { openSession, replayToEnd, type StagePage, useAdminUiStage } from "../../helpers/admin-ui.ts";
import { DATA_GIF, uploadChunk, urlProbeEvents } from "../../helpers/seed-recordings.ts";

// Issue 9 §5: replaying a recording must make the admin's browser fetch nothing the recording
// names, same origin included. A forged recording full of URLs (relative, the admin's own origin,
// another local port, a third party) is uploaded through the real API and replayed in Chromium;
// every request of the browser context is recorded, and a TCP listener on the other port counts
// connections (a preconnect would open one without any request Playwright sees).

const stage = useAdminUiStage();
let listener: Server;
let otherOrigin: string;
const connections: string[] = [];
const probeId = crypto.randomUUID();

beforeAll(async () => {
  listener = createServer((socket) => {
    connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  otherOrigin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  // The listener itself must be able to see a connection, or "none seen" would prove nothing.
  await fetch(otherOrigin).catch(() => undefined);
  expect(connections.length).toBe(1);
  connections.length = 0;
  await uploadChunk(stage.server.origin, "e2e-probe", probeId, 0, urlProbeEvents(Date.now() - 5_000, stage.server.origin, otherOrigin));
});

afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
});

/** What the admin UI itself may load: its pages, its assets, its API and the signed chunk URLs. */
function isAdminUiRequest(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === "data:") return true;
  if (u.origin !== stage.server.origin || url.includes("probe")) return false;
  return (
    u.pathname === "/admin/sign-in" ||
    u.pathname === `/admin/sessions/${probeId}` ||
    u.pathname.startsWith("/admin/assets/") ||
    u.pathname.startsWith("/api/admin/") ||
    u.pathname.startsWith("/api/chunks/")
  );
}

/** A stage page whose context records every request its pages and frames make, and why any of them failed. */
async function open(): Promise<StagePage & { requests: string[]; failures: Map<string, string> }> {
  const opened = await stage.openPage({ width: 1440, height: 1000 });
  const requests = recordRequests(opened.context);
  const failures = new Map<string, string>();
  opened.context.on("requestfailed", (r) => failures.set(r.url(), r.failure()?.errorText ?? "unknown"));
  return { ...opened, requests, failures };
}

/** Opens the probe session and plays it to its end (every mutation and style event applied). */
async function openProbe(page: Page) {
  await openSession(page, stage.server.origin, probeId);
  const frame = await replayToEnd(page, "URL PROBE");
  await frame.locator("img[width='20']").waitFor({ state: "attached" });
  // Give lazy loads (fonts, CSS images, preloads) time to start if anything would start them.
  await page.waitForTimeout(1_500);
  return frame;
}

describe("replay: no requests from the admin's browser", () => {
  it("replays a recording full of URLs without fetching any of them, and keeps its layout and CSS", async () => {
    const { page, requests, cspErrors } = await open();
    const frame = await openProbe(page);

    expect(requests.filter((u) => !isAdminUiRequest(u))).toEqual([]);
    expect(connections).toEqual([]);
    // The rewriting left the CSP nothing to refuse: it is the second line, not the one that worked.
    expect(cspErrors).toEqual([]);
    // The admin UI did load what it needs (the check above is not passing because nothing loaded).
    expect(requests.some((u) => u.includes("/api/chunks/"))).toBe(true);

    // Fidelity: CSS still applies, images keep their boxes, a data: image stays as recorded.
    const look = await frame.evaluate(() => {
      const box = (sel: string) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return r ? [Math.round(r.width), Math.round(r.height)] : null;
      };
      const style = (sel: string) => {
        const e = document.querySelector(sel);
        return e ? getComputedStyle(e) : null;
      };
      return {
        plain: box("#plain-img"),
        srcset: box("#srcset-img"),
        card: box("#card"),
        cardColor: style("#card")?.backgroundColor,
        cardBorder: style("#card")?.borderTopColor,
        linkedColor: style(".linked")?.color,
        titleColor: style("#title")?.color,
        dataImg: document.querySelector("#data-img")?.getAttribute("src"),
      };
    });
    expect(look).toEqual({
      plain: [120, 80],
      srcset: [60, 40],
      card: [222, 62],
      cardColor: "rgb(253, 230, 138)",
      cardBorder: "rgb(124, 45, 18)",
      linkedColor: "rgb(30, 64, 175)",
      titleColor: "rgb(124, 45, 18)",
      dataImg: DATA_GIF,
    });
    await page.screenshot({ path: join(stage.shots, "replay-probe.png"), fullPage: true });
  });

  it("lets the page's CSP stop what a rewrite might miss, inside the replay frame", async () => {
    const { page, requests, failures } = await open();
    await openProbe(page);
    const before = requests.length;
    // Write straight into the replay's document, past the rewriting: only the CSP stands in the way.
    await page.evaluate(
      ({ origin, other }) => {
        const frame = document.querySelector<HTMLIFrameElement>(".replay-host iframe");
        const doc = frame?.contentDocument;
        if (!doc) throw new Error("no replay document");
        const add = (html: string) => doc.body.insertAdjacentHTML("beforeend", html);
        add(`<img src="probe-csp-relative.png"><img src="${origin}/cdn-cgi/access/logout?probe-csp-img"><img src="${other}/probe-csp-port.png">`);
        add(`<link rel="stylesheet" href="${origin}/admin/sessions/probe-csp.css"><link rel="prefetch" href="${origin}/probe-csp-prefetch">`);
        add(
          `<style>@font-face { font-family: CspProbe; src: url(${other}/probe-csp-font.woff2); } .csp-probe { font-family: CspProbe; background: url(probe-csp-bg.png); }</style><p class="csp-probe">csp probe</p>`,
        );
        add(`<video src="probe-csp.mp4" poster="probe-csp-poster.png"></video><object data="probe-csp-object.svg"></object><embed src="probe-csp-embed.svg">`);
        add(`<iframe src="${origin}/cdn-cgi/access/logout?probe-csp-iframe"></iframe>`);
      },
      { origin: stage.server.origin, other: otherOrigin },
    );
    await page.waitForTimeout(1_500);
    // Chromium reports a request the CSP refused too, failed with "csp" before it left the
    // renderer; frames, media and plugins it refuses without reporting a request at all.
    const foreign = requests.slice(before).filter((u) => !isAdminUiRequest(u));
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.map((u) => [u, failures.get(u)]).filter(([, why]) => why !== "csp")).toEqual([]);
    expect(connections).toEqual([]);
  });

  it("serves the admin pages and the demo page with a CSP", async () => {
    const admin = await fetch(`${stage.server.origin}/admin/sessions`);
    const csp = admin.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${stage.server.origin}/admin/assets/`);
    expect(csp).toContain("img-src data:");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(admin.headers.get("x-content-type-options")).toBe("nosniff");
    expect(admin.headers.get("referrer-policy")).toBe("no-referrer");
    expect(admin.headers.get("cache-control")).toBe("no-store");

    const demo = await fetch(`${stage.server.origin}/demo/`);
    const demoCsp = demo.headers.get("content-security-policy") ?? "";
    expect(demoCsp).toContain("default-src 'none'");
    expect(demoCsp).toContain("worker-src blob:");
    expect(demoCsp).toContain("frame-ancestors 'none'");
  });

  it("keeps the demo page recording under its CSP, compression worker included", async () => {
    const { page } = await stage.openPage();
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${stage.server.origin}/demo/`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.includes("recording session"));
    // The page restyles itself through CSSOM (allowed by its policy); the recorder's diff of each change must not write an inline style.
    await page.evaluate(async () => {
      const status = document.getElementById("status") as HTMLElement;
      status.style.outline = "1px solid red";
      await new Promise((r) => setTimeout(r, 50));
      status.style.removeProperty("outline");
      await new Promise((r) => setTimeout(r, 50));
    });
    await page.evaluate(() => (window as unknown as { __recording: { flush(): Promise<void> } }).__recording.flush());
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(workers.some((u) => u.startsWith("blob:"))).toBe(true);
  });
});
