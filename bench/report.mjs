// The printed table: every figure per variant (median and min–max over repetitions), per CPU
// rate; ratios of ours against Sentry and raw rrweb paired by round; a verdict per goal of issue 13.
import { spread, formatSpread, pairedRatios } from "./stats.mjs";

/** Rows of the table: label, how to get the value of one run (with `none` of the same round), decimals. */
const ROWS = [
  ["added main-thread CPU, % of wall", (r, none) => (none ? (r.cpu - none.cpu) * 100 : NaN), 2],
  ["  the same from TaskDuration", (r, none) => (none ? (r.taskCpu - none.taskCpu) * 100 : NaN), 2],
  ["  recorder self time, % of wall (profile)", (r) => r.recorderCpu * 100, 2],
  ["  page main-thread CPU, % of wall", (r) => r.cpu * 100, 2],
  ["load + init main-thread ms", (r) => r.loadInitMs, 0],
  ["  added load + init ms", (r, none) => (none ? r.loadInitMs - none.loadInitMs : NaN), 0],
  ["  added, from TaskDuration", (r, none) => (none ? r.taskLoadInitMs - none.taskLoadInitMs : NaN), 0],
  ["  recorder self time at load + init ms", (r) => r.recorderInitMs, 0],
  ["long tasks (count)", (r) => r.longTasks, 0],
  ["TBT ms", (r) => r.tbtMs, 0],
  ["longest task ms", (r) => r.longestTaskMs, 0],
  ["max added task ms (recorder stretch)", (r) => r.maxAddedTaskMs, 0],
  ["  at load + init", (r) => r.maxAddedStartupMs, 0],
  ["  in steady state", (r) => r.maxAddedSteadyMs, 0],
  ["JS heap after GC MB", (r) => r.heapMB, 1],
  ["upload KB/s", (r) => r.uploadKBs, 2],
  ["requests per minute", (r) => r.requestsPerMin, 1],
  ["  (CORS preflights per minute)", (r) => r.preflightsPerMin, 1],
  ["bundle gzip KB", (r) => r.bundleKB, 1],
  ["replay pixel difference %", (r) => (r.pixelDiff === undefined ? NaN : r.pixelDiff * 100), 2],
];

/** Values of one row for one variant over the rounds (index = round). */
function series(runs, noneRuns, get) {
  return runs.map((r, i) => (r ? get(r, noneRuns?.[i]) : NaN));
}

function cell(runs, noneRuns, get, digits) {
  return formatSpread(spread(series(runs, noneRuns, get)), digits);
}

/** Per-round value of a figure for a variant at a rate (NaN where missing). */
function per(results, rate, variant, get) {
  const runs = results[rate]?.[variant];
  if (!runs) return [];
  return series(runs, results[rate].none, get);
}

/** A figure as measured in the round. */
const own = (key) => (r) => r[key];
/** What a variant adds to the same round without a recorder (`n`), NaN where that run is missing. */
const added = (key) => (r, n) => (n ? r[key] - n[key] : NaN);

const FIG = {
  addedCpu: added("cpu"),
  addedTaskCpu: added("taskCpu"),
  selfCpu: own("recorderCpu"),
  addedInit: added("loadInitMs"),
  selfInit: own("recorderInitMs"),
  upload: own("uploadKBs"),
  requests: own("requestsPerMin"),
  heap: own("heapMB"),
  addedHeap: added("heapMB"),
  bundle: own("bundleKB"),
  maxTask: own("maxAddedTaskMs"),
};

/** Prints the whole report; `results[rate][variant]` is an array of figures per round. */
export function printReport(results, meta) {
  const lines = [];
  const out = (s = "") => lines.push(s);
  out(
    `Recorder benchmark (issue 13): ${meta.seconds} s workload after ${meta.initSeconds} s of load + init, ${meta.reps} interleaved round(s), the ${meta.page ?? "heavy"} page (${meta.nodes} DOM nodes), Chromium ${meta.browserVersion}`,
  );
  out("cells: median (min–max) over the rounds");
  for (const rate of Object.keys(results)) {
    const variants = Object.keys(results[rate]);
    out();
    out(`== CPU ${rate}x${rate === "1" ? " (not throttled)" : " throttled (Emulation.setCPUThrottlingRate)"} ==`);
    const width = 24;
    out("figure".padEnd(44) + variants.map((v) => v.padStart(width)).join(""));
    for (const [label, get, digits] of ROWS) {
      out(label.padEnd(44) + variants.map((v) => cell(results[rate][v], results[rate].none, get, digits).padStart(width)).join(""));
    }
    out();
    out("ratios, paired by round: median (min–max)");
    const ratio = (a, b, get) => formatSpread(spread(pairedRatios(per(results, rate, a, get), per(results, rate, b, get))), 2);
    const pairs = [
      ["ours", "sentry"],
      ["ours", "raw-rrweb"],
      ["ours-masked", "sentry"],
      ["ours", "posthog"],
    ].filter(([a, b]) => results[rate][a] && results[rate][b]);
    out("".padEnd(44) + pairs.map(([a, b]) => `${a}/${b}`.padStart(width)).join(""));
    for (const [label, key] of [
      ["added main-thread CPU", "addedCpu"],
      ["  the same from TaskDuration", "addedTaskCpu"],
      ["recorder self time (profile)", "selfCpu"],
      ["added load + init ms", "addedInit"],
      ["recorder self time at load + init", "selfInit"],
      ["upload bytes", "upload"],
      ["requests per minute", "requests"],
      ["JS heap after GC", "heap"],
      ["added JS heap", "addedHeap"],
      ["bundle gzip", "bundle"],
    ]) {
      out(`  ${label}`.padEnd(44) + pairs.map(([a, b]) => ratio(a, b, FIG[key]).padStart(width)).join(""));
    }
  }
  out();
  out("verdicts (issue 13 goals; 'met' = the median and every round meet it, 'met on median' = some round does not):");
  for (const v of verdicts(results)) out(`  ${v}`);
  return lines.join("\n");
}

/** One line per goal and rate. */
function verdicts(results) {
  const lines = [];
  const judge = (values, ok) => {
    const sp = spread(values);
    if (!sp.n) return "not measured";
    if (ok(sp.median) && ok(sp.min) && ok(sp.max)) return "met";
    return ok(sp.median) ? "met on median (spread crosses the line)" : "NOT met";
  };
  const show = (values, digits = 2) => formatSpread(spread(values), digits);
  for (const rate of Object.keys(results)) {
    const r = (a, b, key) => pairedRatios(per(results, rate, a, FIG[key]), per(results, rate, b, FIG[key]));
    const at = `[${rate}x]`;
    const cpuVsSentry = r("ours", "sentry", "addedCpu");
    const cpuVsRaw = r("ours", "raw-rrweb", "addedCpu");
    const cpuWall = per(results, rate, "ours", FIG.addedCpu).map((x) => x * 100);
    // A difference against `none` that is negative is noise, and a ratio with it decides nothing.
    const oursAdded = spread(per(results, rate, "ours", FIG.addedCpu));
    const judgeAdded = (values, ok, baseline) => {
      const base = spread(per(results, rate, baseline, FIG.addedCpu));
      return oursAdded.median <= 0 || !(base.median > 0) ? "inconclusive (an added CPU below the noise floor)" : judge(values, ok);
    };
    lines.push(`${at} added CPU ≤ 0.5× Sentry's: ${judgeAdded(cpuVsSentry, (x) => x <= 0.5, "sentry")} (ours/Sentry ${show(cpuVsSentry)})`);
    lines.push(`${at} added CPU ≤ raw rrweb's: ${judgeAdded(cpuVsRaw, (x) => x <= 1, "raw-rrweb")} (ours/raw ${show(cpuVsRaw)})`);
    lines.push(`${at} added CPU ≤ 1% of wall: ${judge(cpuWall, (x) => x <= 1)} (${show(cpuWall)} %)`);
    const task = r("ours", "sentry", "addedTaskCpu");
    const taskRaw = r("ours", "raw-rrweb", "addedTaskCpu");
    lines.push(
      `${at} (TaskDuration) added CPU ≤ 0.5× Sentry's: ${judge(task, (x) => x <= 0.5)} (${show(task)}); ≤ raw rrweb's: ${judge(taskRaw, (x) => x <= 1)} (${show(taskRaw)})`,
    );
    const self = r("ours", "sentry", "selfCpu");
    const selfRaw = r("ours", "raw-rrweb", "selfCpu");
    lines.push(
      `${at} (profile) recorder self time ≤ 0.5× Sentry's: ${judge(self, (x) => x <= 0.5)} (${show(self)}); ≤ raw rrweb's: ${judge(selfRaw, (x) => x <= 1)} (${show(selfRaw)})`,
    );
    const init = r("ours", "sentry", "addedInit");
    const initSelf = r("ours", "sentry", "selfInit");
    lines.push(
      `${at} load + init ≤ Sentry's: ${judge(init, (x) => x <= 1)} (added ms ours/Sentry ${show(init)}; recorder self time ours/Sentry ${show(initSelf)})`,
    );
    const up = r("ours", "sentry", "upload");
    const upMasked = r("ours-masked", "sentry", "upload");
    lines.push(`${at} upload bytes ≤ 0.8× Sentry's (benign text kept): ${judge(up, (x) => x <= 0.8)} (${show(up)})`);
    lines.push(`${at} upload bytes ≤ 0.5× Sentry's (all text masked): ${judge(upMasked, (x) => x <= 0.5)} (${show(upMasked)})`);
    const req = r("ours", "sentry", "requests");
    lines.push(`${at} fewer requests than Sentry: ${judge(req, (x) => x <= 1)} (${show(req)})`);
    const heap = r("ours", "raw-rrweb", "heap");
    lines.push(`${at} heap after GC ≤ raw rrweb's: ${judge(heap, (x) => x <= 1)} (${show(heap)})`);
    const bundle = per(results, rate, "ours", FIG.bundle);
    lines.push(`${at} bundle ≤ 60 KB gzip: ${judge(bundle, (x) => x <= 60)} (${show(bundle, 1)} KB)`);
    const maxTask = per(results, rate, "ours", FIG.maxTask);
    lines.push(`${at} no added task > 200 ms${rate === "4" ? "" : " (the goal is at 4x)"}: ${judge(maxTask, (x) => x <= 200)} (${show(maxTask, 0)} ms)`);
  }
  return lines;
}
