// What our build-time rewrites of rrweb (scripts/rrweb-patch.mjs) save on the first full snapshot:
// rrweb's record() start timed on the heavy page, with rrweb as shipped (only the tree-shaking
// marks, which change no code that runs) and with every rewrite, pages interleaved, no recorder
// of ours around it. A steadier figure than the bench's stretches, since both bundles meet the
// machine alike.
// BENCH_AB_WITHOUT names one group of rewrites (an export of scripts/rrweb-patch.mjs, e.g.
// FAST_SERIALIZE_REWRITES) to time a third bundle with every rewrite but that group.
//   BENCH_REPS=6 BENCH_CPU=1 node bench/rrweb-rewrites-ab.mjs
import { median, serveRrwebBundles, visitInterleaved } from "./rrweb-ab.mjs";

const REPS = Number(process.env.BENCH_REPS ?? 6);
const RATE = Number(process.env.BENCH_CPU ?? 1);
const STARTS = 5;
// The recorder's rrweb options that change what the snapshot does.
const ENTRY = `import { record } from "rrweb";
window.__start = () => { const t = performance.now(); const stop = record({ emit() {}, slimDOMOptions: "all", maskAllInputs: true, blockSelector: ".rr-block", maskTextClass: "rr-mask" }); const ms = performance.now() - t; stop?.(); return ms; };`;

const served = await serveRrwebBundles(ENTRY);
const { names, label } = served;
const times = Object.fromEntries(names.map((name) => [name, []]));
await visitInterleaved(served, { reps: REPS, rate: RATE }, async (name, page) => {
  await page.waitForFunction(() => typeof window.__start === "function");
  // The first start pays for the untainted-prototype probe; later ones find it cached.
  for (let i = 0; i < STARTS; i++) times[name].push({ first: i === 0, ms: await page.evaluate(() => window.__start()) });
});
const fmt = (name, first) => {
  const ms = times[name].filter((t) => t.first === first).map((t) => t.ms);
  return `${median(ms).toFixed(1)} ms (${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)}, ${ms.length})`;
};
console.log(`rrweb record() start on the heavy page at ${RATE}x, ${REPS} pages each:`);
for (const first of [true, false])
  console.log(`  ${first ? "first start " : "later starts"}  ${names.map((name) => `${label(name)} ${fmt(name, first)}`).join("  ")}`);
