// What our build-time rewrites of rrweb (scripts/rrweb-patch.mjs) save on the first full snapshot:
// rrweb's record() start timed on the heavy page, with rrweb as shipped (only the tree-shaking
// marks, which change no code that runs) and with every rewrite, pages interleaved, no recorder
// of ours around it. A steadier figure than the bench's stretches, since both bundles meet the
// machine alike.
// BENCH_AB_WITHOUT names one group of rewrites (an export of scripts/rrweb-patch.mjs, e.g.
// FAST_SERIALIZE_REWRITES) to time a third bundle with every rewrite but that group.
//   BENCH_REPS=6 BENCH_CPU=1 node bench/rrweb-rewrites-ab.mjs
import { createServer } from "node:http";
import { FAST_SERIALIZE_REWRITES, RRWEB_REWRITES, SNAPSHOT_SPEED_REWRITES, TREE_SHAKE_REWRITES, UNTAINTED_CHECK_REWRITES } from "../scripts/rrweb-patch.mjs";
import { heavyPageHtml } from "./heavy-page.mjs";
import { importTypeScript, loadTestHelpers } from "./helpers.mjs";

const REPS = Number(process.env.BENCH_REPS ?? 6);
const RATE = Number(process.env.BENCH_CPU ?? 1);
const STARTS = 5;
// The recorder's rrweb options that change what the snapshot does.
const ENTRY = `import { record } from "rrweb";
window.__start = () => { const t = performance.now(); const stop = record({ emit() {}, slimDOMOptions: "all", maskAllInputs: true, blockSelector: ".rr-block", maskTextClass: "rr-mask" }); const ms = performance.now() - t; stop?.(); return ms; };`;

const { bundleWithRrwebRewrites } = await importTypeScript("rrweb-bundle", 'export { bundleWithRrwebRewrites } from "../test/helpers/rrweb-bundle.ts";');
const bundle = (rewrites) => bundleWithRrwebRewrites(ENTRY, rewrites, { minify: true });

const WITHOUT = process.env.BENCH_AB_WITHOUT;
const GROUPS = { FAST_SERIALIZE_REWRITES, SNAPSHOT_SPEED_REWRITES, UNTAINTED_CHECK_REWRITES };
if (WITHOUT && !GROUPS[WITHOUT]) throw new Error(`BENCH_AB_WITHOUT: one of ${Object.keys(GROUPS).join(", ")}`);
const js = { shipped: await bundle(TREE_SHAKE_REWRITES), rewritten: await bundle(RRWEB_REWRITES) };
if (WITHOUT) js.without = await bundle(RRWEB_REWRITES.filter((rewrite) => !GROUPS[WITHOUT].includes(rewrite)));
const names = Object.keys(js);
const server = createServer((req, res) => {
  const name = req.url.replace(/^\/|\.js$/g, "");
  if (req.url.endsWith(".js")) return res.writeHead(200, { "Content-Type": "text/javascript" }).end(js[name]);
  res.writeHead(200, { "Content-Type": "text/html" }).end(heavyPageHtml(`<script type="module" src="/${name}.js"></script>`));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await (await loadTestHelpers()).launchBrowser();
const times = Object.fromEntries(names.map((name) => [name, []]));
try {
  for (let rep = 0; rep < REPS; rep++) {
    for (const name of [...names.slice(rep % names.length), ...names.slice(0, rep % names.length)]) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      if (RATE > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
      await page.goto(`${origin}/${name}`);
      await page.waitForFunction(() => typeof window.__start === "function");
      // The first start pays for the untainted-prototype probe; later ones find it cached.
      for (let i = 0; i < STARTS; i++) times[name].push({ first: i === 0, ms: await page.evaluate(() => window.__start()) });
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fmt = (name, first) => {
  const ms = times[name].filter((t) => t.first === first).map((t) => t.ms);
  return `${median(ms).toFixed(1)} ms (${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)}, ${ms.length})`;
};
console.log(`rrweb record() start on the heavy page at ${RATE}x, ${REPS} pages each:`);
for (const first of [true, false])
  console.log(
    `  ${first ? "first start " : "later starts"}  ${names.map((name) => `${name === "without" ? `without ${WITHOUT}` : name} ${fmt(name, first)}`).join("  ")}`,
  );
