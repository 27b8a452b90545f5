// Ingest benchmark (issue 10): our upload path against a minimal worker that only puts the body
// into R2, both under `wrangler dev` on the same machine, runs interleaved by round; then live
// latency (contract §9) and a CPU profile of ours under load. See bench/README.md.
//   npm run bench:ingest                                          build, then the full run (~4 min)
//   BENCH_INGEST_ROUNDS=1 BENCH_INGEST_SECONDS=4 node bench/ingest/run.mjs      quick check
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { loadTestHelpers } from "../helpers.mjs";
import { startDev } from "./dev-server.mjs";
import { describeTab, prepareTab } from "./upload-bodies.mjs";
import { driveUploads } from "./upload-load.mjs";
import { measureLiveLatency } from "./live-latency.mjs";
import { startProfile } from "./cpu-profile.mjs";
import { reportLines } from "./ingest-report.mjs";
import { measureIndexBudget } from "./index-budget.mjs";

const env = process.env;
if (env.BENCH_INGEST === "0") process.exit(0);
const ROUNDS = Number(env.BENCH_INGEST_ROUNDS ?? 3);
const SECONDS = Number(env.BENCH_INGEST_SECONDS ?? 8);
const CONCURRENCIES = (env.BENCH_INGEST_CONCURRENCY ?? "8,32").split(",").map(Number);
/**
 * A session: 10 minutes of 5 s chunks (the D1 budget's session, issue 10) with a checkout every 2
 * minutes (the recorder's default). Per-session costs (a new object, the D1 claim) are spread over
 * its chunks: `BENCH_INGEST_CHUNKS=12` measures 1-minute sessions, where they weigh ten times more.
 */
const CHUNKS = Number(env.BENCH_INGEST_CHUNKS ?? 120);
const CHECKOUT_EVERY = Number(env.BENCH_INGEST_CHECKOUT_EVERY ?? 24);
const LIVE_CHUNKS = Number(env.BENCH_INGEST_LIVE_CHUNKS ?? 20);
const PROFILE_SECONDS = Number(env.BENCH_INGEST_PROFILE_SECONDS ?? 15);
/** Tabs that each upload one 10-minute session (120 chunks) for the D1 budget; 0 skips it. */
const BUDGET_TABS = Number(env.BENCH_INGEST_BUDGET_TABS ?? 4);
/** Send through wrangler's dev proxy (its --port) instead of straight to the worker's socket (dev-server.mjs findEntry). */
const VIA_PROXY = env.BENCH_INGEST_VIA_PROXY === "1";
/** Background load while live latency is measured the second time. */
const LIVE_LOAD_CONCURRENCY = 8;
const RESULTS = new URL("../results/", import.meta.url);

const helpers = await loadTestHelpers();
const mintToken = (sub, opts) => helpers.mintToken(sub, opts);
// The worker's e2e settings (test/helpers/test-vars.ts LOCAL_DEV_VARS): test secrets, dev mode, any origin.
const OURS_VARS = { ...helpers.TEST_VARS, REPLAY_DEV: "true", REPLAY_ALLOWED_ORIGINS: "*" };
const prepared = prepareTab(CHUNKS, CHECKOUT_EVERY);
const sizes = describeTab(prepared);
const checkouts = sizes.filter((s) => s.seq % CHECKOUT_EVERY === 0);
const others = sizes.filter((s) => s.seq % CHECKOUT_EVERY !== 0);
/** The mean of one size over some chunks, in KB. */
const kb = (list, field) => (list.length ? list.reduce((a, s) => a + s[field], 0) / list.length / 1000 : 0).toFixed(1);
const startedAt = new Date();
const loadBefore = loadavg()[0];

/** A CPU profile of ours under load at the first concurrency. */
async function profileOurs(ours) {
  const profiler = await startProfile(ours.inspectorPort);
  const run = await driveUploads({ server: ours, prepared, concurrency: CONCURRENCIES[0], seconds: PROFILE_SECONDS, mintToken, userPrefix: "bench-profile" });
  return { ...(await profiler.stop()), concurrency: CONCURRENCIES[0], uploads: run.uploads, cpuMsPerUpload: (run.cpu.worker * 1000) / run.uploads };
}

const servers = [];
try {
  const started = await Promise.allSettled([
    startDev({ label: "ours", vars: OURS_VARS, migrate: true, readyPath: "/api/replay/config" }),
    startDev({ label: "minimal", config: "bench/ingest/wrangler.toml" }),
  ]);
  for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
  for (const s of started) if (s.status === "rejected") throw s.reason;
  const [ours, minimal] = servers.map((s) => (VIA_PROXY ? { ...s, origin: s.devOrigin } : s));
  // First, while wrangler's inspector proxy is fresh: after minutes of load it once stalled on Profiler.stop.
  let profile = null;
  if (PROFILE_SECONDS > 0) {
    console.log("CPU profile");
    profile = await profileOurs(ours).catch((err) => ({ error: err.message }));
  }
  const load = { ours: {}, minimal: {} };
  for (const c of CONCURRENCIES) (load.ours[c] = []), (load.minimal[c] = []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of CONCURRENCIES) {
      // Alternate who goes first, so neither always meets the machine in the same state.
      for (const server of round % 2 ? [minimal, ours] : [ours, minimal]) {
        const run = await driveUploads({ server, prepared, concurrency: c, seconds: SECONDS, mintToken, userPrefix: `bench-${server.label}-${round}-${c}` });
        load[server.label][c].push(run);
        console.log(`round ${round + 1}/${ROUNDS} c=${c} ${server.label}: ${(run.uploads / run.seconds).toFixed(1)} uploads/s, ${run.restarts} restarts`);
      }
    }
  }

  console.log("live latency, idle and under load");
  const live = [{ label: "idle", result: await measureLiveLatency({ origin: ours.origin, prepared, chunks: LIVE_CHUNKS, mintToken }) }];
  let liveDone;
  const background = driveUploads({
    server: ours,
    prepared,
    concurrency: LIVE_LOAD_CONCURRENCY,
    until: new Promise((resolve) => (liveDone = resolve)),
    mintToken,
    userPrefix: "bench-live-load",
  });
  const loaded = await measureLiveLatency({ origin: ours.origin, prepared, chunks: LIVE_CHUNKS, mintToken }).finally(() => liveDone());
  const backgroundRun = await background;
  live.push({ label: `under load (${LIVE_LOAD_CONCURRENCY} tabs, ${(backgroundRun.uploads / backgroundRun.seconds).toFixed(0)} uploads/s)`, result: loaded });

  let budget = null;
  if (BUDGET_TABS > 0) {
    console.log("D1 write statements per chunk (waits for the sessions' end flushes, ~70 s)");
    budget = await measureIndexBudget({ server: ours, tabs: BUDGET_TABS, chunks: 120, checkoutEvery: CHECKOUT_EVERY, mintToken });
  }

  const header = [
    `ingest benchmark, ${startedAt.toISOString()}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at the end`,
    `${ROUNDS} rounds × ${SECONDS} s per worker and concurrency; sessions of ${CHUNKS} chunks (5 s each), a checkout every ${CHECKOUT_EVERY} chunks, gzip as the recorder sends them:`,
    `  checkout chunks (Meta + FullSnapshot) ${kb(checkouts, "rawBytes")} KB raw / ${kb(checkouts, "gzipBytes")} KB gzip; ` +
      `the others ${kb(others, "rawBytes")} KB raw / ${kb(others, "gzipBytes")} KB gzip; ${kb(sizes, "rawBytes")} KB raw / ${kb(sizes, "gzipBytes")} KB gzip on average`,
    "CPU: utime + stime of the workerd that runs the worker (all threads: isolate, DOs, local D1/R2), per upload answered in the window",
    `requests go ${VIA_PROXY ? "through wrangler's dev proxy (BENCH_INGEST_VIA_PROXY=1)" : "straight to the worker's socket in its workerd, past wrangler's dev proxy"}`,
  ];
  const lines = reportLines({ header, load, concurrencies: CONCURRENCIES, live, profile });
  if (budget) {
    const verdict = budget.perChunk === null ? "not measured" : budget.perChunk <= 0.1 ? "met" : "not met";
    lines.push(
      "",
      `D1 write statements per chunk (ours; ${budget.sessions}/${budget.expected} sessions of 120 chunks ended, ${budget.failed} uploads refused): ` +
        `${budget.statements} statements for ${budget.chunks} chunks = ${budget.perChunk?.toFixed(3) ?? "–"} (goal ≤ 0.1: ${verdict})`,
    );
  }
  console.log(lines.join("\n"));
  await mkdir(RESULTS, { recursive: true });
  await writeFile(new URL("ingest-latest.txt", RESULTS), `${lines.join("\n")}\n`);
  const slim = (runs) => runs.map(({ latenciesMs, ...rest }) => ({ ...rest, latencies: latenciesMs.length }));
  const json = {
    startedAt,
    sizes,
    load: Object.fromEntries(Object.entries(load).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([c, r]) => [c, slim(r)]))])),
    live,
    profile,
    budget,
  };
  await writeFile(new URL("ingest-latest.json", RESULTS), JSON.stringify(json, null, 2));
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
