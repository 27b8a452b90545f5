// Attributes main-thread time to a recorder directly, from V8's sampling profiler, so that the
// figure does not drown in the page's own run-to-run noise the way a TaskDuration difference does.

/** Sampling interval of the profiler, in microseconds. */
const SAMPLING_INTERVAL_US = 250;
/** Stretches that begin this soon after the profile starts belong to page load and the first full snapshot. */
const STARTUP_US = 3_000_000;

/** Starts V8's sampling profiler on a page's CDP session. */
export async function startProfile(cdp) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
  await cdp.send("Profiler.start");
}

/**
 * Stops the profiler and sums, for samples whose function comes from a script whose URL matches
 * `scriptUrl`: total self time, the longest unbroken stretch of them (what the recorder adds to one
 * task) at startup and in steady state, and the functions that cost most.
 */
export async function stopProfile(cdp, scriptUrl) {
  const { profile } = await cdp.send("Profiler.stop");
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isOurs = (node) => scriptUrl.test(node.callFrame.url);
  // A stretch survives the garbage collector running inside it, but not idle time or page code.
  const isGc = (node) => node.callFrame.functionName === "(garbage collector)";
  let totalUs = 0;
  let stretchUs = 0;
  let stretchStartUs = 0;
  let clockUs = 0;
  const longest = { startupUs: 0, steadyUs: 0, steadyParts: new Map() };
  const perFunction = new Map();
  let stretchParts = new Map();
  const endStretch = () => {
    if (stretchStartUs < STARTUP_US) longest.startupUs = Math.max(longest.startupUs, stretchUs);
    else if (stretchUs > longest.steadyUs) {
      longest.steadyUs = stretchUs;
      longest.steadyParts = stretchParts;
    }
    stretchUs = 0;
    stretchParts = new Map();
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const deltaUs = profile.timeDeltas[i + 1] ?? 0;
    clockUs += profile.timeDeltas[i] ?? 0;
    if (node && isOurs(node)) {
      if (stretchUs === 0) stretchStartUs = clockUs;
      totalUs += deltaUs;
      stretchUs += deltaUs;
      const key = `${node.callFrame.functionName || "(anonymous)"}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
      perFunction.set(key, (perFunction.get(key) ?? 0) + deltaUs);
      stretchParts.set(key, (stretchParts.get(key) ?? 0) + deltaUs);
    } else if (!(node && isGc(node) && stretchUs > 0)) {
      endStretch();
    } else {
      stretchUs += deltaUs;
    }
  }
  endStretch();
  const wallUs = profile.endTime - profile.startTime;
  const topOf = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, us]) => [fn, Math.round(us / 100) / 10]);
  return {
    selfCpu: totalUs / wallUs,
    startupStretchMs: longest.startupUs / 1000,
    steadyStretchMs: longest.steadyUs / 1000,
    top: topOf(perFunction, 8),
    steadyStretchTop: topOf(longest.steadyParts, 6),
  };
}
