import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { heavyPageHtml } from "/work/main/bench/heavy-page.mjs";
import { startBenchServer } from "/work/main/bench/server.mjs";
const js = await readFile("/tmp/rec-dev.js", "utf8");
const server = await startBenchServer({ "/recorder.js": ["text/javascript", js] });
server.setPage(heavyPageHtml(`<script type="module">import { startRecording } from "/recorder.js"; startRecording({ endpoint: location.origin, token: "bench" });</script>`));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu"], headless: true });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await page.goto(server.origin + "/view-a");
await page.waitForTimeout(3000);
await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 200 }); await cdp.send("Profiler.start");
for (let i = 0; i < 6; i++) { await page.click(i % 2 ? "#sort-name" : "#sort-qty"); await page.waitForTimeout(700); }
const { profile } = await cdp.send("Profiler.stop");
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) { const n = byId.get(id); const k = n.callFrame.functionName + " " + n.callFrame.url.split("/").pop() + ":" + n.callFrame.lineNumber; self.set(k, (self.get(k) ?? 0) + t); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, t]) => (t / 1000).toFixed(1) + "ms " + k).join("\n"));
console.log(await page.evaluate(() => JSON.stringify(window.__longTasks)));
await browser.close(); await server.close();
