import type { HostFile } from "../rig.ts";
import { cssSection } from "./css-section.ts";
import { formSection } from "./form-section.ts";
import { Canary, type Placement } from "./needles.ts";
import { privateSection } from "./private-section.ts";
import type { Section } from "./section.ts";
import { textSection } from "./text-section.ts";
import { urlSection } from "./url-section.ts";

/** The adversarial canary page (issue 9 §6): placements of personal data, and what must survive next to them. */
export interface CanaryPage {
  placements: Placement[];
  /** The host's pages and files (path → HTML or file). */
  pages: Record<string, string | HostFile>;
  /** What the test types, sets or navigates to, by purpose. */
  typed: Record<string, string>;
  /** Text that must reach the replay as it is. */
  benignText: string[];
  /** Paths of links and images that must reach the replay whole (under the host's origin). */
  benignPaths: string[];
  /** CSS that must reach the replay as it is. */
  benignCss: string[];
}

const UUID = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";

const benign: Section = {
  body: `<section id="benign">
  <h1>Welcome to Acme Dashboard</h1>
  <table>
    <tr><th>Widgets sold</th><td>1,204</td></tr><tr><th>Open orders</th><td>37</td></tr>
    <tr><th>Revenue</th><td>$1,299.00</td></tr><tr><th>Due</th><td>2024-03-14</td></tr>
    <tr><th>Shipped</th><td>14.03.2024 at 12:30</td></tr><tr><th>Billing</th><td>Invoice 0123456789</td></tr>
    <tr><th>Order</th><td>Order #A-1042</td></tr><tr><th>User</th><td>${UUID}</td></tr>
    <tr><th>Build</th><td>Version 2.2.2 build 20240115</td></tr>
  </table>
  <a href="/admin/users/${UUID}/edit">Edit user</a> <a href="/blog/how-to-cook-pasta-in-10-minutes">Pasta</a>
  <img src="/wp-content/uploads/2024/03/photo.jpg" width="20" height="20" alt="Team photo">
  <button id="report" type="button">Show report</button><div id="report-out"></div>
</section>`,
  early: `
  document.getElementById("report").addEventListener("click", () => {
    const p = document.createElement("p"); p.textContent = "Quarterly report ready"; document.getElementById("report-out").append(p);
  });`,
};

/** Builds the page, which imports the recorder from the worker's origin. */
export function buildCanaryPage(workerOrigin: string, token: string): CanaryPage {
  const c = new Canary();
  const sections = [benign, cssSection(c), privateSection(c), textSection(c), urlSection(c, workerOrigin), formSection(c)];
  // Each section's later mutations run on their own, so one failing cannot hide the others' placements.
  const later = sections
    .filter((s) => s.later)
    .map((s, i) => `try {${s.later}\n} catch (e) { window.__laterErrors.push(${i} + ": " + e); }`)
    .join("\n");
  const html = `<!doctype html>
<html><head><meta charset="utf-8">
${sections.map((s) => s.head ?? "").join("\n")}
<style>body { font-family: sans-serif } .box { border: 1px solid #ccc; padding: 4px; margin: 2px }</style></head>
<body>
${sections.map((s) => s.body).join("\n")}
<script>
  window.__laterErrors = [];
  ${sections.map((s) => s.early ?? "").join("\n")}
  window.__later = () => {
${later}
  };
</script>
<script type="module">
  import { startRecording } from "${workerOrigin}/recorder.js";
  window.__statuses = [];
  window.__rec = startRecording({
    endpoint: "${workerOrigin}",
    token: "${token}",
    privateSelectors: [".secret-from-options"],
    flushIntervalMs: 1000,
    onStatus: (s) => window.__statuses.push(s),
  });
</script>
</body></html>`;
  return {
    placements: c.placements,
    pages: { "/": html, ...Object.assign({}, ...sections.map((s) => s.files ?? {})) },
    typed: Object.assign({}, ...sections.map((s) => s.typed ?? {})),
    benignText: [
      "Welcome to Acme Dashboard",
      "Widgets sold",
      "Open orders",
      "$1,299.00",
      "2024-03-14",
      "14.03.2024 at 12:30",
      "Invoice 0123456789",
      "Order #A-1042",
      UUID,
      "Version 2.2.2 build 20240115",
      "Quarterly report ready",
      "Place order",
      "Shadow benign",
    ],
    benignPaths: [
      `/admin/users/${UUID}/edit`,
      "/blog/how-to-cook-pasta-in-10-minutes",
      "/wp-content/uploads/2024/03/photo.jpg",
      "/static/images/undraw_profile_1.svg",
    ],
    benignCss: ['font-family: "Segoe UI", sans-serif', "data:image/svg+xml,%3csvg"],
  };
}
