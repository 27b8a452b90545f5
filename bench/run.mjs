// Recorder benchmark (issue 13): the heavy page under a scripted workload in Debian's Chromium, for
// no recorder, raw rrweb, Sentry's replay, PostHog's, ours and ours with all text masked, at normal
// and throttled CPU, rounds interleaved so that machine noise hits every variant alike. Our recorder
// loads from a real `wrangler dev`; the peers upload to a loopback sink. See bench/README.md.
//   npm run bench                                         full run (60 s, 3 rounds, CPU 1x and 4x)
//   BENCH_REPS=1 BENCH_SECONDS=15 node bench/run.mjs      quick check
import { mkdir, writeFile } from "node:fs/promises";
import { loadTestHelpers } from "./helpers.mjs";
import { buildBundles } from "./bundles.mjs";
import { startSink } from "./sink-server.mjs";
import { startHost } from "./host-server.mjs";
import { heavyPageHtml, PAGE_SHAPES } from "./heavy-page.mjs";
import { VARIANTS } from "./variants.mjs";
import { measureRun, VIEWPORT } from "./measure.mjs";
import { REPLAY_PAGE, eventStats, pixelDiffRatio, readStoredEvents, replayScreenshot, sinkEvents } from "./fidelity.mjs";
import { printReport } from "./report.mjs";
import { profileLines } from "./profile-report.mjs";

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 60);
const REPS = Number(env.BENCH_REPS ?? env.BENCH_ROUNDS ?? 3);
const RATES = (env.BENCH_CPU ?? "1,4").split(",").map(Number);
const INIT_SECONDS = Number(env.BENCH_INIT_SECONDS ?? 5);
const SAMPLING_US = Number(env.BENCH_SAMPLING_US ?? 1000);
const FIDELITY = env.BENCH_FIDELITY !== "0";
/** Save each run's heap after GC to results/ (bench/heap-summary.mjs compares them). */
const HEAP_SNAPSHOTS = env.BENCH_HEAP_SNAPSHOTS === "1";
/** Which page the workload runs on (heavy-page.mjs PAGE_SHAPES): the heavy one, or a typical app view. */
const PAGE = env.BENCH_PAGE ?? "heavy";
if (!PAGE_SHAPES[PAGE]) throw new Error(`BENCH_PAGE: one of ${Object.keys(PAGE_SHAPES).join(", ")}`);
/** The typical page's results go beside the heavy page's, not over them. */
const SUFFIX = PAGE === "heavy" ? "" : `-${PAGE}`;
const NAMES = env.BENCH_VARIANTS ? env.BENCH_VARIANTS.split(",") : Object.keys(VARIANTS);
for (const n of NAMES) if (!VARIANTS[n]) throw new Error(`unknown variant ${n}; known: ${Object.keys(VARIANTS).join(", ")}`);
const RESULTS = new URL("results/", import.meta.url);
process.env.WRANGLER_SEND_METRICS = "false";

const helpers = await loadTestHelpers();
const { assets, sourceMaps } = await buildBundles();
await mkdir(RESULTS, { recursive: true });
const worker = await helpers.startWorker();
const closers = [() => worker.stop()];
const results = {};
const runs = [];
let browserVersion = "";
try {
  // The worker behind a counting proxy: the page sees the proxy's origin as the worker's.
  const workerProxy = await startSink({ upstream: worker.origin });
  const sink = await startSink({ log: env.BENCH_LOG_SINK === "1" });
  const host = await startHost({ ...assets, "/__replay": ["text/html", REPLAY_PAGE] });
  closers.push(
    () => workerProxy.close(),
    () => sink.close(),
    () => host.close(),
  );
  const browser = await helpers.launchBrowser();
  closers.unshift(() => browser.close());
  browserVersion = browser.version();
  const browserCdp = await browser.newBrowserCDPSession();
  const adminToken = await helpers.mintToken("bench-admin", { admin: true });
  for (let rep = 0; rep < REPS; rep++) {
    for (const rate of RATES) {
      // Each round starts with another variant, so that none of them always runs first.
      const order = NAMES.map((_, i) => NAMES[(i + rep) % NAMES.length]);
      for (const name of order) {
        const variant = VARIANTS[name];
        const ctx = { sink: sink.origin, worker: workerProxy.origin, token: await helpers.mintToken(`bench-${name}-${rate}x-${rep}`) };
        host.setPage(heavyPageHtml(variant.script(ctx), PAGE_SHAPES[PAGE]));
        const counters = variant.backend === "worker" ? workerProxy.run() : variant.backend === "sink" ? sink.run() : null;
        const run = await measureRun(browser, variant, counters, {
          rate,
          seconds: SECONDS,
          initMs: INIT_SECONDS * 1000,
          samplingUs: SAMPLING_US,
          url: `${host.origin}/view-a`,
          browserCdp,
          heapSnapshotPath: HEAP_SNAPSHOTS ? new URL(`heap-${name}-${rate}x-${rep + 1}.heapsnapshot`, RESULTS) : undefined,
        });
        if (FIDELITY && run.truth) {
          try {
            const events = variant.replay === "sink" ? sinkEvents(counters.rrwebBodies) : await readStoredEvents(worker.origin, run.sessionId, adminToken);
            const replayed = await replayScreenshot(browser, host.origin, events, run.truth.at, VIEWPORT);
            run.figures.pixelDiff = await pixelDiffRatio(browser, run.truth.png, replayed);
            run.recording = eventStats(events);
            await writeFile(new URL(`${name}-${rate}x${SUFFIX}-page.png`, RESULTS), run.truth.png);
            await writeFile(new URL(`${name}-${rate}x${SUFFIX}-replay.png`, RESULTS), replayed);
            await writeFile(new URL(`${name}-${rate}x${SUFFIX}-events.json`, RESULTS), JSON.stringify(events));
          } catch (err) {
            console.error(`fidelity check of ${name} failed: ${err.message}`);
          }
        }
        (results[rate] ??= Object.fromEntries(NAMES.map((n) => [n, []])))[name][rep] = run.figures;
        runs.push({
          rep,
          rate,
          variant: name,
          nodes: run.nodes,
          figures: run.figures,
          bundles: run.bundles,
          profile: run.profile,
          byPath: counters?.byPath,
          recording: run.recording,
        });
        const f = run.figures;
        console.error(
          `round ${rep + 1}/${REPS} ${rate}x ${name}: cpu ${(f.cpu * 100).toFixed(2)}% (TaskDuration ${(f.taskCpu * 100).toFixed(2)}%) self ${(f.recorderCpu * 100).toFixed(2)}% load+init ${f.loadInitMs.toFixed(0)} ms long tasks ${f.longTasks} TBT ${f.tbtMs} ms max added ${f.maxAddedTaskMs.toFixed(0)} ms heap ${f.heapMB.toFixed(1)} MB upload ${f.uploadKBs.toFixed(2)} KB/s ${f.requestsPerMin.toFixed(1)} req/min bundle ${f.bundleKB.toFixed(1)} KB pixels ${f.pixelDiff === undefined ? "–" : `${(f.pixelDiff * 100).toFixed(2)}%`}`,
        );
      }
    }
  }
} finally {
  for (const close of closers) await close().catch(() => {});
}

// The raw figures first, so that a failure in the report loses nothing.
await writeFile(
  new URL(`latest${SUFFIX}.json`, RESULTS),
  JSON.stringify(
    {
      seconds: SECONDS,
      reps: REPS,
      rates: RATES,
      initSeconds: INIT_SECONDS,
      results,
      runs: runs.map((r) => ({
        ...r,
        profile: {
          startup: { ...r.profile.startup, top: r.profile.startup.top.slice(0, 40) },
          steady: { ...r.profile.steady, top: r.profile.steady.top.slice(0, 40) },
        },
      })),
    },
    null,
    2,
  ),
);
const report = printReport(results, { page: PAGE, seconds: SECONDS, initSeconds: INIT_SECONDS, reps: REPS, nodes: runs[0]?.nodes, browserVersion });
// Where ours spends its main-thread time at each rate, and raw rrweb's at 1x for comparison (rrweb's own share).
const profiled = (name, rate, limit) =>
  NAMES.includes(name) && RATES.includes(rate)
    ? [
        "",
        ...profileLines(
          `profile of ${name} at ${rate}x`,
          runs.filter((r) => r.rate === rate && r.variant === name),
          sourceMaps,
          limit,
        ),
      ]
    : [];
const profiles = [...RATES.flatMap((rate) => profiled("ours", rate, 15)), ...profiled("raw-rrweb", 1, 8)];
console.log(report);
console.log(profiles.join("\n"));
await writeFile(new URL(`latest${SUFFIX}.txt`, RESULTS), `${report}\n${profiles.join("\n")}\n`);
