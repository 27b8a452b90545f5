// What our build-time rewrites of rrweb (scripts/rrweb-patch.mjs) save on mutations: rrweb's
// handling of the heavy page's 200-row re-sort (2,200 nodes removed, 2,200 added) and of its feed
// tick (a line added at the top, the last removed, the clock's text), timed inside the page from
// the end of the page's own DOM work to the end of rrweb's mutation callback, with rrweb as shipped
// and with every rewrite, pages interleaved, rrweb started with the recorder's privacy options.
// BENCH_AB_WITHOUT names one group of rewrites (an export of scripts/rrweb-patch.mjs) to time a
// third bundle with every rewrite but that group.
//   BENCH_REPS=6 BENCH_CPU=1 node bench/rrweb-mutations-ab.mjs
import { median, serveRrwebBundles, visitInterleaved } from "./rrweb-ab.mjs";

const REPS = Number(process.env.BENCH_REPS ?? 6);
const RATE = Number(process.env.BENCH_CPU ?? 1);
const SORTS = 20;
const TICKS = 40;
// rrweb as the recorder starts it (recorder/privacy/rrweb-options.ts), events kept but not serialized.
const ENTRY = `import { record } from "rrweb";
import { BLOCK_SELECTORS, IGNORE_CLASS, IGNORE_SELECTORS } from "./recorder/privacy/markers.ts";
const events = [];
record({ emit(e) { events.push(e); if (events.length > 200) events.length = 0; }, errorHandler: () => true,
  maskAllInputs: true, maskInputFn: (v) => "*".repeat(v.length), maskTextClass: "rr-mask", maskTextFn: (t) => t.replace(/\\S/g, "*"),
  blockClass: "rr-block", blockSelector: BLOCK_SELECTORS.join(","), ignoreClass: IGNORE_CLASS, ignoreSelector: IGNORE_SELECTORS.join(","),
  slimDOMOptions: "all", inlineStylesheet: true, recordCanvas: false, inlineImages: false, collectFonts: false, sampling: { input: "all" } });
window.__ready = true;`;

const served = await serveRrwebBundles(ENTRY);
const { names, label } = served;

/** In the page: each step's DOM work, then the time until rrweb's mutation callback has run (it was queued first, so it runs before this await resumes). */
async function timeSteps({ sorts, ticks }) {
  window.__freezePage();
  const timed = async (work) => {
    work();
    const t = performance.now();
    await Promise.resolve();
    return performance.now() - t;
  };
  const feed = document.getElementById("feed");
  const clock = document.getElementById("clock");
  const out = { sort: [], tick: [] };
  for (let i = 0; i < sorts; i++) {
    out.sort.push(await timed(() => document.getElementById(i % 2 ? "sort-qty" : "sort-name").click()));
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; i < ticks; i++) {
    out.tick.push(
      await timed(() => {
        clock.textContent = String(i);
        const p = document.createElement("p");
        p.textContent = `Update ${i}`;
        feed.prepend(p);
        feed.lastElementChild.remove();
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

const times = Object.fromEntries(names.map((name) => [name, { sort: [], tick: [] }]));
await visitInterleaved(served, { reps: REPS, rate: RATE }, async (name, page) => {
  await page.waitForFunction(() => window.__ready === true);
  const out = await page.evaluate(timeSteps, { sorts: SORTS, ticks: TICKS });
  // The first sort of a page warms rrweb's code up: left out.
  times[name].sort.push(...out.sort.slice(1));
  times[name].tick.push(...out.tick.slice(1));
});
const quartiles = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `${s[Math.floor(s.length / 4)].toFixed(2)}–${s[Math.floor((3 * s.length) / 4)].toFixed(2)}`;
};
console.log(`rrweb's mutation callback on the heavy page at ${RATE}x, ${REPS} pages each (median ms, interquartile range, samples):`);
for (const step of ["sort", "tick"])
  console.log(
    `  ${step === "sort" ? "200-row re-sort" : "feed tick      "}  ${names.map((name) => `${label(name)} ${median(times[name][step]).toFixed(2)} (${quartiles(times[name][step])}, ${times[name][step].length})`).join("  ")}`,
  );
