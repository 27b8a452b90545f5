// Where the recorder's first full snapshot task goes, line by line: the heavy page with ours
// (uploading to a real `wrangler dev`, as in bench/run.mjs, but loaded unminified from the host, so
// that the profile's line ticks map to source lines), CPU throttled, V8's profiler at a fine interval
// over load + init only; then the longest unbroken stretch of the recorder's samples (what it adds
// to one task) by function, and the line ticks (positionTicks) by original source line.
// BENCH_PHASE=steady profiles the scripted workload instead (after load + init), and adds self
// time by source file, every file listed: where the steady state goes, ours and rrweb's apart.
//   BENCH_REPS=3 BENCH_CPU=4 node bench/snapshot-profile.mjs
//   BENCH_PHASE=steady BENCH_REPS=3 BENCH_CPU=1 BENCH_SECONDS=30 node bench/snapshot-profile.mjs
import { build } from "esbuild";
import { recorderBuildOptions } from "../scripts/build-recorder.mjs";
import { loadTestHelpers } from "./helpers.mjs";
import { buildBundles } from "./bundles.mjs";
import { startSink } from "./sink-server.mjs";
import { startHost } from "./host-server.mjs";
import { heavyPageHtml } from "./heavy-page.mjs";
import { parseSourceMap } from "./attribution.mjs";
import { VIEWPORT } from "./measure.mjs";
import { runWorkload } from "./workload.mjs";
import { startProfile, stopProfile, nameFrames } from "./attribution.mjs";

const env = process.env;
const REPS = Number(env.BENCH_REPS ?? 3);
const RATE = Number(env.BENCH_CPU ?? 4);
const INIT_MS = Number(env.BENCH_INIT_SECONDS ?? 4) * 1000;
const SAMPLING_US = Number(env.BENCH_SAMPLING_US ?? 200);
const MASKED = env.BENCH_MASKED === "1";
const STEADY = env.BENCH_PHASE === "steady";
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
process.env.WRANGLER_SEND_METRICS = "false";

const helpers = await loadTestHelpers();
const { assets, sourceMaps } = await buildBundles();
const dev = await build({ ...(await recorderBuildOptions()), minify: false, outfile: "recorder-dev.js", sourcemap: "external", write: false });
const devText = (ending) => dev.outputFiles.find((f) => f.path.endsWith(ending)).text;
assets["/recorder-dev.js"] = ["text/javascript", devText(".js")];
const CODE = /\/recorder-dev\.js/;
sourceMaps.set(CODE, parseSourceMap(devText(".map")));
/** Ours as bench/variants.mjs loads it, but from the host's unminified copy. */
const oursScript = (workerOrigin, token) => `<script type="module">
import { startRecording } from "/recorder-dev.js";
startRecording({ endpoint: ${JSON.stringify(workerOrigin)}, token: ${JSON.stringify(token)}${MASKED ? ", maskAllText: true" : ""} });
</script>`;
const worker = await helpers.startWorker();
const proxy = await startSink({ upstream: worker.origin });
const host = await startHost(assets);
const browser = await helpers.launchBrowser();
const stretches = [];
const lineMs = new Map();
const fileMs = new Map();
const fnMs = new Map();
try {
  for (let rep = 0; rep < REPS; rep++) {
    host.setPage(heavyPageHtml(oursScript(proxy.origin, await helpers.mintToken(`snap-${rep}`))));
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (RATE > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
    await cdp.send("Profiler.enable");
    // Line ticks need the precise profile's positions; a copy of the profile is taken before stopProfile reads it.
    let raw = null;
    const send = cdp.send.bind(cdp);
    cdp.send = async (method, params) => {
      const result = await send(method, params);
      if (method === "Profiler.stop") raw = result.profile;
      return result;
    };
    if (STEADY) {
      await page.goto(`${host.origin}/view-a`, { waitUntil: "load" });
      await page.waitForTimeout(INIT_MS);
      await startProfile(cdp, SAMPLING_US);
      await runWorkload(page, SECONDS);
    } else {
      await startProfile(cdp, SAMPLING_US);
      await page.goto(`${host.origin}/view-a`, { waitUntil: "load" });
      await page.waitForTimeout(INIT_MS);
    }
    const profile = await stopProfile(cdp, CODE, STEADY ? 0 : Number.POSITIVE_INFINITY);
    const phase = STEADY ? profile.steady : profile.startup;
    stretches.push(phase);
    // By file from the functions' totals, native calls charged to the function that made them.
    for (const f of nameFrames(phase.top, sourceMaps)) {
      const file = f.file.replace(/:\d+$/, "");
      fileMs.set(file, (fileMs.get(file) ?? 0) + f.ms / REPS);
      fnMs.set(`${f.fn}  ${f.file}`, (fnMs.get(`${f.fn}  ${f.file}`) ?? 0) + f.ms / REPS);
    }
    for (const node of raw.nodes) {
      if (!CODE.test(node.callFrame.url) || !node.positionTicks) continue;
      for (const { line, ticks } of node.positionTicks) {
        const [{ fn, file }] = nameFrames([[{ ...node.callFrame, lineNumber: line - 1, columnNumber: 0, name: node.callFrame.functionName }, 0]], sourceMaps);
        const key = `${file}  (${fn})`;
        lineMs.set(key, (lineMs.get(key) ?? 0) + (ticks * SAMPLING_US) / 1000 / REPS);
      }
    }
    console.error(
      `round ${rep + 1}: longest stretch ${phase.longestStretchMs.toFixed(0)} ms, ${STEADY ? "workload" : "load + init"} self ${phase.ms.toFixed(0)} ms`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await host.close();
  await proxy.close();
  await worker.stop();
}
const sorted = stretches.map((s) => s.longestStretchMs).sort((a, b) => a - b);
console.log(
  `ours${MASKED ? " (all text masked)" : ""} at ${RATE}x, ${REPS} rounds, sampling ${SAMPLING_US} µs: longest stretch median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${sorted.map((v) => v.toFixed(0)).join(", ")})`,
);
const worst = stretches.reduce((a, b) => (b.longestStretchMs > a.longestStretchMs ? b : a));
console.log(`the longest (${worst.longestStretchMs.toFixed(0)} ms) by function:`);
for (const f of nameFrames(worst.longestStretchTop, sourceMaps)) console.log(`  ${f.ms.toFixed(1).padStart(7)} ms  ${f.fn}  ${f.file}`);
const what = STEADY ? `the ${SECONDS} s workload` : "load + init";
console.log(`${what}, self time by source line (mean per round; inlined code counts where it was inlined):`);
for (const [key, ms] of [...lineMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
if (STEADY) {
  const total = [...fileMs.values()].reduce((a, b) => a + b, 0);
  console.log(`${what}, self time by source file, native calls included (mean per round, ${total.toFixed(0)} ms in all):`);
  for (const [file, ms] of [...fileMs.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${file}`);
  console.log(`${what}, self time by function, native calls included (mean per round):`);
  for (const [fn, ms] of [...fnMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${fn}`);
}
