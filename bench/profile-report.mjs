// Where a recorder's main-thread time goes: its profiled self time per original function and per
// source file, averaged over the runs, in steady state and at load + init (the first snapshot).
import { nameFrames } from "./attribution.mjs";

function aggregate(runs, phase, sourceMaps, keyOf) {
  const sums = new Map();
  for (const run of runs) for (const f of nameFrames(run.profile[phase].top, sourceMaps)) sums.set(keyOf(f), (sums.get(keyOf(f)) ?? 0) + f.ms);
  return [...sums.entries()].map(([k, ms]) => [k, ms / runs.length]).sort((a, b) => b[1] - a[1]);
}

/** Lines describing the profile of `runs` (one variant at one rate); `limit` functions per phase. */
export function profileLines(label, runs, sourceMaps, limit = 15) {
  const lines = [];
  for (const phase of ["steady", "startup"]) {
    const total = runs.reduce((s, r) => s + r.profile[phase].ms, 0) / runs.length;
    lines.push(
      `${label}, ${phase === "steady" ? "steady state (the workload)" : "load + init (first full snapshot)"}: ${total.toFixed(0)} ms of recorder self time per run`,
    );
    for (const [fn, ms] of aggregate(runs, phase, sourceMaps, (f) => `${f.fn}  ${f.file}`).slice(0, limit))
      lines.push(`  ${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${fn}`);
    // The run with the longest stretch of this phase: what that one stretch was made of.
    const worst = runs.reduce((a, b) => (b.profile[phase].longestStretchMs > a.profile[phase].longestStretchMs ? b : a));
    lines.push(`  longest stretch (${worst.profile[phase].longestStretchMs.toFixed(0)} ms, round ${worst.rep + 1}) made of:`);
    for (const f of nameFrames(worst.profile[phase].longestStretchTop.slice(0, 12), sourceMaps))
      lines.push(`  ${f.ms.toFixed(1).padStart(8)} ms  ${f.fn}  ${f.file}`);
    lines.push("  by source file:");
    for (const [file, ms] of aggregate(runs, phase, sourceMaps, (f) => f.file.replace(/:\d+(:\d+)?$/, "")).slice(0, 10))
      lines.push(`  ${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${file}`);
  }
  return lines;
}
