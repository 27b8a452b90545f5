// One benchmark run: a fresh browser context on the heavy page with one variant, optionally a
// throttled CPU, page load and init, the scripted workload, then every figure of that run.
import { writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { startProfile, stopProfile } from "./attribution.mjs";
import { runWorkload } from "./workload.mjs";
import { captureTruth } from "./fidelity.mjs";
import { busiestDelta, rendererMainThreads } from "./thread-cpu.mjs";

/** The viewport of every run, and of the replays compared with it. */
export const VIEWPORT = { width: 1280, height: 800 };

/** The page's heap as DevTools saves it (`.heapsnapshot`), for bench/heap-summary.mjs. */
async function writeHeapSnapshot(cdp, path) {
  const parts = [];
  const onChunk = (e) => parts.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await writeFile(path, parts.join(""));
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
}

/**
 * Runs `variant` once. `counters` are the backend's counters for this run (or null); `opts` has
 * `rate` (CPU slowdown), `seconds` (workload), `heapSnapshotPath` (optional: where to save the heap after GC), `initMs` (time after load before the workload
 * starts: the recorder's init and first snapshot), `samplingUs`, `url` and `browserCdp` (a browser CDP
 * session, for the renderers' main-thread CPU time).
 * Returns the figures, and the page's screenshot and clock for the fidelity check.
 */
export async function measureRun(browser, variant, counters, opts) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    if (opts.rate > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: opts.rate });
    // Every script the page loads (and the recorder's lazily loaded ones) with its gzip size.
    const scripts = [];
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script" || res.status() !== 200) return;
      scripts.push(
        res.body().then(
          (b) => ({ url: res.url(), gzipBytes: gzipSync(b).length }),
          () => null,
        ),
      );
    });
    await startProfile(cdp, opts.samplingUs);
    const profileStart = Date.now();
    const threads0 = await rendererMainThreads(opts.browserCdp);
    const task0 = await taskSeconds(cdp);
    await page.goto(opts.url, { waitUntil: "load" });
    await page.waitForTimeout(opts.initMs);
    const task1 = await taskSeconds(cdp);
    const threads1 = await rendererMainThreads(opts.browserCdp);
    const initEnd = Date.now();
    const initEndPerf = await page.evaluate(() => performance.now());
    await runWorkload(page, opts.seconds);
    const task2 = await taskSeconds(cdp);
    const threads2 = await rendererMainThreads(opts.browserCdp);
    const end = Date.now();
    const sent = counters
      ? { requests: counters.requests, bodyBytes: counters.bodyBytes, preflights: counters.preflights }
      : { requests: 0, bodyBytes: 0, preflights: 0 };
    const profile = await stopProfile(cdp, variant.code, (initEnd - profileStart) * 1000);
    const longTasks = await page.evaluate(() => window.__longTasks);
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    if (opts.heapSnapshotPath) await writeHeapSnapshot(cdp, opts.heapSnapshotPath);
    const nodes = await page.evaluate(() => {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let n = 0;
      while (walker.nextNode()) n++;
      return n;
    });
    const truth = variant.replay ? await captureTruth(page) : null;
    if (variant.replay) await page.evaluate(async () => void (await window.__benchFlush?.()));
    const loaded = (await Promise.all(scripts)).filter((s) => s && variant.code.test(s.url));
    const steadyWall = (end - initEnd) / 1000;
    const minutes = (end - profileStart) / 60000;
    return {
      figures: {
        // Main-thread CPU time during the workload, as a share of its wall time (kernel's count).
        cpu: busiestDelta(threads1, threads2) / steadyWall,
        // Main-thread CPU time from navigation to the end of the init window.
        loadInitMs: busiestDelta(threads0, threads1) * 1000,
        // The same two from TaskDuration (wall-clock task lengths: inflated when the machine is busy).
        taskCpu: (task2 - task1) / steadyWall,
        taskLoadInitMs: Math.max(0, task1 - (task1 < task0 ? 0 : task0)) * 1000,
        longTasks: longTasks.length,
        tbtMs: longTasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
        longestTaskMs: Math.max(0, ...longTasks.map(([, d]) => d)),
        startupLongTasks: longTasks.filter(([start]) => start < initEndPerf).length,
        recorderCpu: profile.selfCpu,
        recorderInitMs: profile.startup.ms,
        maxAddedTaskMs: Math.max(profile.startup.longestStretchMs, profile.steady.longestStretchMs),
        maxAddedStartupMs: profile.startup.longestStretchMs,
        maxAddedSteadyMs: profile.steady.longestStretchMs,
        heapMB: usedSize / 1048576,
        uploadKBs: sent.bodyBytes / 1024 / ((end - profileStart) / 1000),
        requestsPerMin: sent.requests / minutes,
        preflightsPerMin: sent.preflights / minutes,
        bundleKB: loaded.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024,
      },
      nodes,
      bundles: loaded,
      profile,
      truth,
      sessionId: await page.evaluate(() => window.__sessionId ?? null),
    };
  } finally {
    await context.close();
  }
}
