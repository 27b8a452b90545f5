// The ingest benchmark's text report: per concurrency, each worker's figures (median over rounds
// and min–max), the ratios ours/minimal paired by round against issue 10's goals, live latency and
// the top of the CPU profile.
import { formatSpread, pairedRatios, spread } from "../stats.mjs";

/** Goals of issue 10 for ours against the minimal worker. */
const GOALS = { throughput: 0.5, cpu: 3 };
/** Rows of the profile shown. */
const PROFILE_TOP = 15;

/** The p-th percentile (nearest rank) of numbers; NaN for none. */
export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The figures of one load run. */
export function figuresOf(run) {
  return {
    perSecond: run.uploads / run.seconds,
    p50: percentile(run.latenciesMs, 50),
    p99: percentile(run.latenciesMs, 99),
    cpuMs: (run.cpu.worker * 1000) / run.uploads,
    clientCpuMs: (run.cpu.client * 1000) / run.uploads,
    restarts: run.restarts,
    socketErrors: run.socketErrors,
    failed: Object.values(run.failures).reduce((a, b) => a + b, 0),
    failures: run.failures,
  };
}

function verdict(ratios, ok) {
  const sp = spread(ratios);
  if (!sp.n) return "no data";
  if (ratios.every(ok)) return "met";
  return ok(sp.median) ? "met on median" : "not met";
}

/** Lines for the load part: one table per concurrency, rows per worker, then the paired ratios. */
function loadLines(load, concurrencies) {
  const lines = [];
  for (const c of concurrencies) {
    const ours = load.ours[c].map(figuresOf);
    const minimal = load.minimal[c].map(figuresOf);
    lines.push(`\nconcurrency ${c} (tabs uploading at once), ${ours.length} rounds`);
    lines.push(
      "| worker | uploads/s | p50 ms | p99 ms | workerd CPU ms/upload | load generator CPU ms/upload | retried: dev restarts / socket errors | failed |",
    );
    lines.push("|---|---|---|---|---|---|---|---|");
    for (const [name, f] of [
      ["ours", ours],
      ["minimal", minimal],
    ]) {
      const col = (key, digits) => formatSpread(spread(f.map((x) => x[key])), digits);
      const failures = f.map((x) => JSON.stringify(x.failures)).filter((s) => s !== "{}");
      lines.push(
        `| ${name} | ${col("perSecond", 1)} | ${col("p50", 0)} | ${col("p99", 0)} | ${col("cpuMs", 2)} | ${col("clientCpuMs", 2)} | ${f.reduce((a, x) => a + x.restarts, 0)} / ${f.reduce((a, x) => a + x.socketErrors, 0)} | ${f.reduce((a, x) => a + x.failed, 0)}${failures.length ? ` ${failures.join(" ")}` : ""} |`,
      );
    }
    for (const [name, runs] of [
      ["ours", load.ours[c]],
      ["minimal", load.minimal[c]],
    ]) {
      const seen = runs.flatMap((r) => r.firstFailures);
      if (seen.length) lines.push(`${name}, first refused answers and socket errors (warm-up included): ${[...new Set(seen)].slice(0, 3).join(" | ")}`);
    }
    const throughput = pairedRatios(
      ours.map((x) => x.perSecond),
      minimal.map((x) => x.perSecond),
    );
    const cpu = pairedRatios(
      ours.map((x) => x.cpuMs),
      minimal.map((x) => x.cpuMs),
    );
    const p99 = pairedRatios(
      ours.map((x) => x.p99),
      minimal.map((x) => x.p99),
    );
    lines.push(
      `ours/minimal: uploads/s ${formatSpread(spread(throughput))} (goal ≥ ${GOALS.throughput}: ${verdict(throughput, (r) => r >= GOALS.throughput)}), ` +
        `CPU per upload ${formatSpread(spread(cpu))} (goal ≤ ${GOALS.cpu}: ${verdict(cpu, (r) => r <= GOALS.cpu)}), p99 ${formatSpread(spread(p99))}`,
    );
  }
  return lines;
}

function liveLine(label, live) {
  const l = live.latenciesMs;
  const within = l.filter((ms) => ms <= 1_000).length;
  return (
    `${label}: ${live.chunks} chunks, frame after answer p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${Math.max(...l).toFixed(1)} ms; ` +
    `${within}/${live.chunks} within 1 s (§9), ${live.lost} lost; answers with watched: ${live.watchedAnswers}/${live.chunks} (first at seq ${live.watchedFirstSeq}); ` +
    `after the viewer left, answers said watched for ${(live.watchedForMsAfterLeave / 1000).toFixed(1)} s (§9: at most 5 s)`
  );
}

function profileLines(profile) {
  if (profile.error) return [`\nCPU profile failed: ${profile.error}`];
  const row = (r) => `  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`;
  return [
    `\nCPU profile of ours (V8 sampling profiler on the worker's isolate, concurrency ${profile.concurrency}, ${profile.uploads} uploads in the window): ` +
      `isolate not idle ${(profile.busyMs / 1000).toFixed(1)} s of ${((profile.busyMs + profile.idleMs) / 1000).toFixed(1)} s profiled; ` +
      `workerd CPU ${profile.cpuMsPerUpload.toFixed(2)} ms per upload while profiling (the profiler slows the isolate). Shares of the isolate's non-idle samples:`,
    "self time by module:",
    ...profile.modules.slice(0, PROFILE_TOP).map(row),
    "self time by function:",
    ...profile.functions.slice(0, PROFILE_TOP).map(row),
    "our functions, inclusive (self + callees, synchronous stretches):",
    ...profile.stages.slice(0, PROFILE_TOP).map(row),
  ];
}

/** The whole report as lines. */
export function reportLines({ header, load, concurrencies, live, profile }) {
  return [
    ...header,
    ...loadLines(load, concurrencies),
    "\nlive latency (ours; one viewer on the session's socket, a chunk every 400 ms):",
    ...live.map((l) => liveLine(l.label, l.result)),
    ...(profile ? profileLines(profile) : []),
  ];
}
