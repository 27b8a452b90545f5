// Attributes main-thread time to a recorder directly, from V8's sampling profiler, so that the
// figure does not drown in the page's own run-to-run noise the way a TaskDuration difference does.
import { SourceMap } from "node:module";

/**
 * Starts V8's sampling profiler on a page's CDP session. 1 ms is coarse enough to cost the page
 * little, and fine enough for the longest stretches that matter (50 ms and more).
 */
export async function startProfile(cdp, samplingUs = 1000) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: samplingUs });
  await cdp.send("Profiler.start");
}

/**
 * Stops the profiler and sums the samples that belong to the recorder: those whose nearest frame
 * with a script URL is in a script matching `scriptUrl` (so native DOM calls made by the recorder
 * count as its own, while page code that a recorder's wrapper calls does not). Samples that begin
 * before `startupUs` (from the profile's start) are page load, init and the first full snapshot.
 * Returns self time as a share of wall time, the longest unbroken stretch (what the recorder adds
 * to one task) at startup and in steady state with what it was made of, and the costliest
 * functions in each phase.
 */
export async function stopProfile(cdp, scriptUrl, startupUs) {
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.send("Profiler.disable");
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const ownerCache = new Map();
  const isOurs = (node) => {
    if (ownerCache.has(node.id)) return ownerCache.get(node.id);
    let n = node;
    while (n && !n.callFrame.url) n = parentOf.get(n.id);
    const ours = Boolean(n && scriptUrl.test(n.callFrame.url));
    ownerCache.set(node.id, ours);
    return ours;
  };
  // A stretch survives the garbage collector running inside it, but not idle time or page code.
  const isGc = (node) => node.callFrame.functionName === "(garbage collector)";
  const phases = {
    startup: { us: 0, longestUs: 0, longestParts: new Map(), fns: new Map() },
    steady: { us: 0, longestUs: 0, longestParts: new Map(), fns: new Map() },
  };
  const charge = (map, frame, us) => {
    const slot = map.get(frame.key) ?? map.set(frame.key, { frame, us: 0 }).get(frame.key);
    slot.us += us;
  };
  let stretchUs = 0;
  let stretchParts = new Map();
  let stretchPhase = phases.startup;
  const endStretch = () => {
    if (stretchUs > stretchPhase.longestUs) {
      stretchPhase.longestUs = stretchUs;
      stretchPhase.longestParts = stretchParts;
    }
    stretchUs = 0;
    stretchParts = new Map();
  };
  let clockUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const deltaUs = profile.timeDeltas[i + 1] ?? 0;
    clockUs += profile.timeDeltas[i] ?? 0;
    const phase = clockUs < startupUs ? phases.startup : phases.steady;
    if (node && isOurs(node)) {
      if (stretchUs === 0) stretchPhase = phase;
      stretchUs += deltaUs;
      phase.us += deltaUs;
      const frame = functionFrame(node, parentOf);
      charge(phase.fns, frame, deltaUs);
      charge(stretchParts, frame, deltaUs);
    } else if (node && isGc(node) && stretchUs > 0) {
      stretchUs += deltaUs;
      charge(stretchParts, { key: "(garbage collector)", name: "(garbage collector)", url: "" }, deltaUs);
    } else {
      endStretch();
    }
  }
  endStretch();
  const wallUs = profile.endTime - profile.startTime;
  const steadyWallUs = Math.max(1, wallUs - startupUs);
  const ranked = (map) => [...map.values()].sort((a, b) => b.us - a.us).map((s) => [s.frame, s.us / 1000]);
  const summary = (p) => ({
    ms: p.us / 1000,
    longestStretchMs: p.longestUs / 1000,
    top: ranked(p.fns),
    longestStretchTop: ranked(p.longestParts).slice(0, 12),
  });
  return { selfCpu: phases.steady.us / steadyWallUs, startup: summary(phases.startup), steady: summary(phases.steady) };
}

/** The frame a sample is charged to: its own if it has a URL, else the native call's name plus its caller. */
function functionFrame(node, parentOf) {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (url) return { key: `${url}:${lineNumber}:${columnNumber}`, name: functionName, url, lineNumber, columnNumber };
  let caller = parentOf.get(node.id);
  while (caller && !caller.callFrame.url) caller = parentOf.get(caller.id);
  const name = functionName || "(native)";
  const via = caller?.callFrame;
  return via
    ? { key: `${name}<${via.url}:${via.lineNumber}:${via.columnNumber}`, name, via, url: via.url, lineNumber: via.lineNumber, columnNumber: via.columnNumber }
    : { key: name, name, url: "" };
}

/**
 * Turns profile frames into { fn, file, ms }: the original function and source file, through the
 * bundles' source maps (keyed by script-URL pattern), or the minified name where there is no map.
 */
export function nameFrames(top, sourceMaps) {
  return top.map(([frame, ms]) => ({ ...describe(frame, sourceMaps), ms }));
}

function describe(frame, sourceMaps) {
  if (!frame.url) return { fn: frame.name, file: "(native)" };
  const entry = [...sourceMaps.entries()].find(([pattern]) => pattern.test(frame.url));
  const at = (entry && originalName(entry[1], frame.via ?? frame)) || {
    fn: frame.via?.functionName ?? frame.name,
    file: `${frame.url.replace(/^.*\//, "")}:${frame.lineNumber}:${frame.columnNumber}`,
  };
  // A native DOM or builtin call is charged to the recorder function that made it.
  return frame.via ? { fn: `${frame.name} ← ${at.fn}`, file: at.file } : at;
}

/** The original function's name and "file:line" at a generated position. */
function originalName(map, callFrame) {
  const hit = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
  if (!hit?.originalSource) return null;
  const file = hit.originalSource.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, "");
  const index = map.payload.sources.indexOf(hit.originalSource);
  const text = map.payload.sourcesContent?.[index]?.split("\n")[hit.originalLine]?.slice(hit.originalColumn) ?? "";
  // The source text at the function's start names it better than the map's name there (often a parameter's).
  const head = text.replace(/^(?:(?:public|private|protected|readonly|static|async|get|set)\s+)+/, "");
  // An arrow function, mapped at its "(" or at its first parameter.
  const arrow = /^(?:\([^)]*\)|[\w$]+)\s*=>/.test(head) || /^[\w$\s,{}[\]=.]*\)\s*=>/.test(head);
  const declared = head.match(/^function\s*\*?\s*([A-Za-z_$][\w$]*)?/);
  const fn = arrow ? "(arrow)" : declared ? declared[1] || "(anonymous)" : head.match(/^([A-Za-z_$#][\w$]*)/)?.[1] || hit.name || "(anonymous)";
  return { fn, file: `${file}:${hit.originalLine + 1}` };
}

/** Parses an esbuild source map (JSON text) for nameFrames. */
export function parseSourceMap(json) {
  return new SourceMap(JSON.parse(json));
}
