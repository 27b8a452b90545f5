// The scripts the benchmark serves, built with esbuild the way a host app would bundle them
// (minified, tree-shaken), each with a source map so that profiles name original functions.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { BROWSER_BUNDLE, recorderBuildOptions } from "../scripts/build-recorder.mjs";
import { parseSourceMap } from "./attribution.mjs";

const root = new URL("..", import.meta.url);

/** Every bundle here: the recorder's build options, as an ES module with an external source map, kept in memory. */
const BENCH_BUNDLE = { ...BROWSER_BUNDLE, format: "esm", sourcemap: "external", write: false };

/** The text of the output file of `out` whose name ends in `ending`. */
const outputText = (out, ending) => out.outputFiles.find((f) => f.path.endsWith(ending)).text;

/** Raw rrweb as most integrations use it: record() with defaults, JSON uploads every 5 s. */
const RAW_RRWEB = `import { record } from "rrweb";
const events = [];
record({ emit(e) { events.push(e); } });
const send = () => events.length ? fetch(window.__bench.sink + "/rrweb-upload", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ events: events.splice(0) }) }) : undefined;
setInterval(send, 5000);
window.__benchFlush = send;`;

/** Sentry as its docs set up session replay: the browser SDK's defaults plus replayIntegration, every session sampled. */
const SENTRY = `import { init, replayIntegration, getReplay } from "@sentry/browser";
init({ dsn: window.__bench.sentryDsn, integrations: [replayIntegration()], replaysSessionSampleRate: 1, replaysOnErrorSampleRate: 1 });
window.__benchFlush = () => getReplay()?.flush();`;

/**
 * posthog-js for session replay alone: product analytics off (no autocapture, pageviews, surveys,
 * heatmaps), so that what is measured is its recorder, which it loads lazily from its asset host;
 * headless Chromium passes its bot filter only with opt_out_useragent_filter.
 */
const POSTHOG = `import posthog from "posthog-js";
posthog.init("phc_bench", { api_host: window.__bench.sink, autocapture: false, capture_pageview: false, capture_pageleave: false, capture_heatmaps: false, capture_dead_clicks: false, rageclick: false, disable_surveys: true, capture_performance: false, advanced_disable_flags: false, persistence: "memory", opt_out_useragent_filter: true });
window.__benchFlush = () => posthog.sessionRecording?.flush?.();`;

/** rrweb's Replayer, for replaying a recording in a page and screenshotting it. */
const REPLAYER = `import { Replayer } from "rrweb"; window.Replayer = Replayer;`;

async function bundle(contents) {
  const out = await build({ ...BENCH_BUNDLE, stdin: { contents, resolveDir: root.pathname, sourcefile: "entry.js" }, outfile: "out.js" });
  return { js: outputText(out, ".js"), map: outputText(out, ".map") };
}

/**
 * Our recorder as served by the worker (dist/public/recorder.js from `npm run build`), and a source
 * map from building the same sources with the same options; the map is used only if the code matches.
 */
async function oursSourceMap() {
  const served = await readFile(new URL("dist/public/recorder.js", root), "utf8");
  const out = await build({ ...(await recorderBuildOptions()), outfile: "recorder.js", sourcemap: "external", write: false });
  // An "external" map adds no comment; rrweb's inlined canvas worker carries one of its own, mid-file.
  const js = outputText(out, ".js").replace(/\n\/\/# sourceMappingURL=recorder\.js\.map\n?$/, "");
  if (js.trim() !== served.trim()) {
    console.error("bench: dist/public/recorder.js differs from a fresh build (run `npm run build`); profiles of ours show minified names");
    return null;
  }
  return parseSourceMap(outputText(out, ".map"));
}

/** Builds every bundle; returns the host's assets and the source maps keyed by script-URL pattern. */
export async function buildBundles() {
  const [raw, sentry, posthog, replayer, oursMap, replayerCss] = await Promise.all([
    bundle(RAW_RRWEB),
    bundle(SENTRY),
    bundle(POSTHOG),
    bundle(REPLAYER),
    oursSourceMap(),
    readFile(new URL("node_modules/rrweb/dist/style.css", root), "utf8"),
  ]);
  const assets = {
    "/peer-rrweb.js": ["text/javascript", raw.js],
    "/peer-sentry.js": ["text/javascript", sentry.js],
    "/peer-posthog.js": ["text/javascript", posthog.js],
    "/replayer.js": ["text/javascript", replayer.js],
    "/replayer.css": ["text/css", replayerCss],
  };
  const sourceMaps = new Map([
    [/\/peer-rrweb\.js/, parseSourceMap(raw.map)],
    [/\/peer-sentry\.js/, parseSourceMap(sentry.map)],
    [/\/peer-posthog\.js/, parseSourceMap(posthog.map)],
  ]);
  if (oursMap) sourceMaps.set(/\/recorder\.js/, oursMap);
  return { assets, sourceMaps };
}
