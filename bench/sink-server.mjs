// A loopback backend for the recorders under test: it counts every request a recorder sends (and
// its body bytes, as they arrive on the wire), so that nothing leaves the machine. It either
// answers itself, standing in for Sentry's and PostHog's ingest and for raw rrweb's upload URL,
// or, given `upstream`, forwards everything to the real worker (`wrangler dev`), so that our
// recorder loads and uploads cross-origin from the worker as on a host app, and is counted alike.
import { createServer, request as httpRequest } from "node:http";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS" };
const POSTHOG_DIST = new URL("../node_modules/posthog-js/dist/", import.meta.url);

/** What one run sent: requests (not CORS preflights, not script downloads), preflights, body bytes, and per path. */
function emptyCounters() {
  return { requests: 0, preflights: 0, bodyBytes: 0, byPath: {}, rrwebBodies: [] };
}

/** PostHog's remote config and flags, with session recording switched on and its defaults. */
function posthogConfig() {
  return {
    sessionRecording: { endpoint: "/s/" },
    supportedCompression: ["gzip", "gzip-js"],
    autocapture_opt_out: true,
    capturePerformance: false,
    heatmaps: false,
    surveys: false,
    flags: {},
    featureFlags: {},
    featureFlagPayloads: {},
    errorsWhileComputingFlags: false,
  };
}

function answer(path, res, body) {
  // PostHog's asset host: the scripts it loads lazily (its recorder), from the installed package.
  const lazy = path.match(/^\/static\/(?:[\d.]+\/)?([\w-]+\.js)$/);
  if (lazy) {
    return readFile(new URL(lazy[1], POSTHOG_DIST)).then(
      (js) => res.writeHead(200, { ...CORS, "Content-Type": "text/javascript" }).end(js),
      () => res.writeHead(404, CORS).end(),
    );
  }
  if (/^\/array\/[^/]+\/config\.js$/.test(path)) {
    const js = `(window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {})["phc_bench"] = { config: ${JSON.stringify(posthogConfig())}, siteApps: [] };`;
    return res.writeHead(200, { ...CORS, "Content-Type": "text/javascript" }).end(js);
  }
  if (path.startsWith("/array/") || path.startsWith("/flags") || path.startsWith("/decide"))
    return res.writeHead(200, { ...CORS, "Content-Type": "application/json" }).end(JSON.stringify(posthogConfig()));
  res.writeHead(200, { ...CORS, "Content-Type": "application/json" }).end(body ?? "{}");
}

/**
 * Starts the backend on 127.0.0.1. `run()` gives the counters that the following requests add to
 * (one object per benchmark run); `upstream` is the worker's origin to forward to, if any.
 */
export async function startSink({ upstream, log = false } = {}) {
  let counters = emptyCounters();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const path = url.pathname;
    const counted = counters;
    const chunks = [];
    req.on("data", (d) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const isScript = req.method === "GET" && /\.js$/.test(path);
      if (log) console.error(`sink ${req.method} ${path} ${body.length} B`);
      if (req.method === "OPTIONS") counted.preflights++;
      else if (!isScript) {
        counted.requests++;
        counted.bodyBytes += body.length;
        const key = path.replace(/\/[0-9a-f-]{36}/g, "/:id");
        const entry = (counted.byPath[key] ??= { requests: 0, bytes: 0 });
        entry.requests++;
        entry.bytes += body.length;
        if (path === "/rrweb-upload") counted.rrwebBodies.push(decodeBody(req, body));
      }
      if (upstream) return forward(upstream, req, body, res);
      if (req.method === "OPTIONS") return res.writeHead(204, CORS).end();
      answer(path, res);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Starts counting a new run and returns its counters. */
    run() {
      counters = emptyCounters();
      return counters;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

function decodeBody(req, body) {
  return (req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8");
}

/** Passes a request on to the worker unchanged and its answer back unchanged. */
function forward(upstream, req, body, res) {
  const target = new URL(req.url, upstream);
  const out = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on("error", () => res.writeHead(502).end());
  out.end(body);
}
