// What the rrweb A/B benches (rrweb-rewrites-ab.mjs, rrweb-mutations-ab.mjs) share: `entry`
// bundled with rrweb as shipped (only the tree-shaking marks, which change no code that runs), with
// every rewrite of scripts/rrweb-patch.mjs and, when BENCH_AB_WITHOUT names a group, with every
// rewrite but that group; the heavy page served once per bundle; and pages visited interleaved,
// the start rotating between rounds, so that every bundle meets the machine alike.
import { createServer } from "node:http";
import {
  CHILD_WALK_REWRITES,
  CSP_SAFE_REWRITES,
  EMIT_OPTIONS_REWRITES,
  FAST_SERIALIZE_REWRITES,
  RRWEB_REWRITES,
  SNAPSHOT_SPEED_REWRITES,
  TREE_SHAKE_REWRITES,
  UNTAINTED_CHECK_REWRITES,
} from "../scripts/rrweb-patch.mjs";
import { heavyPageHtml } from "./heavy-page.mjs";
import { importTypeScript, loadTestHelpers } from "./helpers.mjs";

const GROUPS = { CHILD_WALK_REWRITES, CSP_SAFE_REWRITES, EMIT_OPTIONS_REWRITES, FAST_SERIALIZE_REWRITES, SNAPSHOT_SPEED_REWRITES, UNTAINTED_CHECK_REWRITES };

/**
 * Serves the heavy page with each bundle of `entry` at /<name>; returns the names ("shipped",
 * "rewritten", maybe "without"), a label for each, the origin and `close`.
 */
export async function serveRrwebBundles(entry) {
  const without = process.env.BENCH_AB_WITHOUT;
  if (without && !GROUPS[without]) throw new Error(`BENCH_AB_WITHOUT: one of ${Object.keys(GROUPS).join(", ")}`);
  const { bundleWithRrwebRewrites } = await importTypeScript("rrweb-bundle", 'export { bundleWithRrwebRewrites } from "../test/helpers/rrweb-bundle.ts";');
  const bundle = (rewrites) => bundleWithRrwebRewrites(entry, rewrites, { minify: true });
  const js = { shipped: await bundle(TREE_SHAKE_REWRITES), rewritten: await bundle(RRWEB_REWRITES) };
  if (without) js.without = await bundle(RRWEB_REWRITES.filter((rewrite) => !GROUPS[without].includes(rewrite)));
  const server = createServer((req, res) => {
    const name = req.url.replace(/^\/|\.js$/g, "");
    if (req.url.endsWith(".js")) return res.writeHead(200, { "Content-Type": "text/javascript" }).end(js[name]);
    res.writeHead(200, { "Content-Type": "text/html" }).end(heavyPageHtml(`<script type="module" src="/${name}.js"></script>`));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    names: Object.keys(js),
    label: (name) => (name === "without" ? `without ${without}` : name),
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => server.close(),
  };
}

/** Opens each bundle's page `reps` times, interleaved, at CPU slowdown `rate`, and hands it to `visit(name, page)`. */
export async function visitInterleaved(served, { reps, rate }, visit) {
  const { names, origin } = served;
  const browser = await (await loadTestHelpers()).launchBrowser();
  try {
    for (let rep = 0; rep < reps; rep++) {
      for (const name of [...names.slice(rep % names.length), ...names.slice(0, rep % names.length)]) {
        const page = await browser.newPage();
        const cdp = await page.context().newCDPSession(page);
        if (rate > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate });
        await page.goto(`${origin}/${name}`);
        await visit(name, page);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    served.close();
  }
}

/** The median of `values`. */
export const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
