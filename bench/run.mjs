// Recorder benchmark (issue 3): a heavy page under a scripted workload in Debian's Chromium, with
// variants interleaved in one run so that machine noise hits them alike. Prints medians and ratios.
//   npm run bench                       full run: 60 s per variant run, 3 rounds
//   BENCH_SECONDS=15 BENCH_ROUNDS=1 node bench/run.mjs   quick check
import { build } from "esbuild";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { heavyPageHtml } from "./heavy-page.mjs";
import { startBenchServer } from "./server.mjs";
import { runWorkload } from "./workload.mjs";
import { startProfile, stopProfile } from "./attribution.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const root = new URL("..", import.meta.url);

// Plain rrweb as most integrations use it: record() with defaults, JSON uploads every 5 s.
const plainSource = `import { record } from "rrweb";
const events = [];
record({ emit(e) { events.push(e); } });
setInterval(() => {
  if (!events.length) return;
  fetch("/plain-upload", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ events: events.splice(0) }) });
}, 5000);`;
const plain = await build({
  stdin: { contents: plainSource, resolveDir: root.pathname },
  bundle: true,
  format: "esm",
  minify: process.env.BENCH_UNMINIFIED !== "1",
  write: false,
});
const plainJs = plain.outputFiles[0].text;
const oursJs = await readFile(new URL("dist/public/recorder.js", root), "utf8");

const ours = (compression) =>
  `<script type="module">import { startRecording } from "/recorder.js"; startRecording({ endpoint: location.origin, token: "bench", compression: "${compression}" });</script>`;
const VARIANTS = {
  none: "",
  "plain-rrweb": `<script type="module" src="/plain-rrweb.js"></script>`,
  ours: ours("worker"),
  "ours-main-thread-gzip": ours("main"),
};
/** The script a variant's recorder runs from, for profile attribution. */
const SCRIPT_URL = { "plain-rrweb": /\/plain-rrweb\.js$/, ours: /\/recorder\.js$/, "ours-main-thread-gzip": /\/recorder\.js$/ };
const pages = Object.fromEntries(Object.entries(VARIANTS).map(([name, script]) => [name, heavyPageHtml(script)]));

async function runOnce(browser, server, variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await startProfile(cdp);
  const bytesBefore = server.counters.uploadBytes;
  const started = Date.now();
  await page.goto(`${server.origin}/view-a?variant=${variant}`);
  await runWorkload(page, SECONDS);
  const { metrics } = await cdp.send("Performance.getMetrics");
  // Everything the recorder runs on the main thread comes from its one script (rrweb included).
  const attributed = await stopProfile(cdp, SCRIPT_URL[variant] ?? /(?!)/);
  const wall = (Date.now() - started) / 1000;
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const longTasks = await page.evaluate(() => window.__longTasks);
  // Steady state: after the first 3 s (page load, and for recorders their first full snapshot).
  const longest = Math.max(0, ...longTasks.filter(([start]) => start > 3000).map(([, d]) => d));
  const startupLongest = Math.max(0, ...longTasks.filter(([start]) => start <= 3000).map(([, d]) => d));
  await context.close();
  return {
    cpu: metric("TaskDuration") / wall,
    selfCpu: attributed.selfCpu,
    stretchMs: attributed.steadyStretchMs,
    startupStretchMs: attributed.startupStretchMs,
    top: attributed.top,
    steadyStretchTop: attributed.steadyStretchTop,
    longestMs: longest,
    startupLongestMs: startupLongest,
    longTasks,
    heapMB: metric("JSHeapUsedSize") / 1048576,
    uploadKBs: (server.counters.uploadBytes - bytesBefore) / 1024 / wall,
    nodes,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startBenchServer({
  "/recorder.js": ["text/javascript", oursJs],
  "/plain-rrweb.js": ["text/javascript", plainJs],
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const results = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of Object.keys(VARIANTS)) {
      server.setPage(pages[variant]);
      const r = await runOnce(browser, server, variant);
      results[variant].push(r);
      console.error(
        `round ${round + 1}/${ROUNDS} ${variant}: recorder ${(r.selfCpu * 100).toFixed(2)}% stretch ${r.stretchMs.toFixed(0)} ms (startup ${r.startupStretchMs.toFixed(0)} ms), cpu ${(r.cpu * 100).toFixed(2)}% longest ${r.longestMs.toFixed(0)} ms (startup ${r.startupLongestMs.toFixed(0)} ms) ${JSON.stringify(r.longTasks)} heap ${r.heapMB.toFixed(1)} MB upload ${r.uploadKBs.toFixed(2)} KB/s nodes ${r.nodes}`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = {};
for (const [variant, runs] of Object.entries(results)) {
  summary[variant] = {
    selfCpuPct: median(runs.map((r) => r.selfCpu)) * 100,
    stretchMs: Math.max(...runs.map((r) => r.stretchMs)),
    startupStretchMs: median(runs.map((r) => r.startupStretchMs)),
    cpuPct: median(runs.map((r) => r.cpu)) * 100,
    longestMs: Math.max(...runs.map((r) => r.longestMs)),
    startupLongestMs: median(runs.map((r) => r.startupLongestMs)),
    heapMB: median(runs.map((r) => r.heapMB)),
    uploadKBs: median(runs.map((r) => r.uploadKBs)),
    nodes: runs[0].nodes,
  };
}
const base = summary.none;
for (const s of Object.values(summary)) {
  s.addedCpuPct = s.cpuPct - base.cpuPct;
  s.addedHeapMB = s.heapMB - base.heapMB;
}
const sizes = { oursGzipKB: gzipSync(oursJs).length / 1024, plainRrwebGzipKB: gzipSync(plainJs).length / 1024 };
const fmt = (x, d = 2) => x.toFixed(d);
console.log(`\nRecorder benchmark: ${SECONDS} s scripted workload, ${ROUNDS} interleaved round(s), ${summary.none.nodes} elements`);
console.log("variant                  recorder CPU   recorder stretch (ms)   added CPU       longest task  heap (MB,    upload");
console.log("                         (% of 1 core)  steady    first snapshot  (TaskDuration)  (ms)          added)      (KB/s)");
for (const [v, s] of Object.entries(summary)) {
  console.log(
    `${v.padEnd(24)} ${fmt(s.selfCpuPct).padStart(8)}       ${fmt(s.stretchMs, 0).padStart(6)}    ${fmt(s.startupStretchMs, 0).padStart(6)}          ${fmt(s.addedCpuPct).padStart(8)}        ${fmt(s.longestMs, 0).padStart(6)}        ${fmt(s.heapMB, 1)} (+${fmt(s.addedHeapMB, 1)})  ${fmt(s.uploadKBs).padStart(8)}`,
  );
}
console.log("\nrecorder CPU and stretch: V8 sampling profile, self time in the recorder's own script (rrweb included);");
console.log("a stretch is the most the recorder ran without a break, i.e. what it added to one task: in steady state,");
console.log("and in the first 3 s (page load and the first full snapshot of the whole page).");
console.log(`costliest recorder functions (last round, ms): ours ${JSON.stringify(results.ours.at(-1).top)}`);
console.log(`  plain rrweb ${JSON.stringify(results["plain-rrweb"].at(-1).top)}`);
console.log(`what ours' longest steady stretch was made of (last round, ms): ${JSON.stringify(results.ours.at(-1).steadyStretchTop)}`);
const o = summary.ours;
const p = summary["plain-rrweb"];
console.log(
  `\nours / plain rrweb: recorder CPU ${fmt(o.selfCpuPct / p.selfCpuPct)}x, added CPU (TaskDuration) ${fmt(o.addedCpuPct / p.addedCpuPct)}x, upload ${fmt(o.uploadKBs / p.uploadKBs, 3)}x`,
);
console.log(`gzip off the main thread: recorder CPU ${fmt(o.selfCpuPct)}% (worker) vs ${fmt(summary["ours-main-thread-gzip"].selfCpuPct)}% (main thread)`);
console.log(`bundle gzipped: ours ${fmt(sizes.oursGzipKB, 1)} KB, plain rrweb record ${fmt(sizes.plainRrwebGzipKB, 1)} KB`);
const budgets = {
  recorderCpuUnder2Pct: o.selfCpuPct < 2,
  recorderCpuAtMostHalfOfPlain: o.selfCpuPct <= p.selfCpuPct / 2,
  uploadUnder50KBs: o.uploadKBs < 50,
  uploadAtMostFifthOfPlain: o.uploadKBs <= p.uploadKBs / 5,
  noRecorderStretchOver50ms: o.stretchMs <= 50,
};
console.log(`budgets: ${JSON.stringify(budgets)}`);
await mkdir(new URL("results/", import.meta.url), { recursive: true });
await writeFile(
  new URL("results/latest.json", import.meta.url),
  JSON.stringify({ seconds: SECONDS, rounds: ROUNDS, summary, sizes, budgets, runs: results }, null, 2),
);
