// A V8 CPU profile of the worker's isolate under load, through wrangler dev's inspector
// (`--inspector-port`, Chrome DevTools Protocol), summarised as self time by function and by source
// module. The isolate runs the worker and its Durable Objects; the local D1 and R2 simulators run in
// other isolates of the same workerd and are not in this profile (the process CPU counts them).
import { WebSocket } from "undici";
import { mkdir, writeFile } from "node:fs/promises";

const RESULTS = new URL("../results/", import.meta.url);

/** Sampling interval of V8's profiler, in microseconds. */
const SAMPLING_US = 1_000;
/** How long one CDP call may take: a stalled inspector fails the profile instead of hanging the run. */
const CALL_TIMEOUT_MS = 60_000;
/** Bundled modules start with an esbuild comment naming their source file. */
const MODULE_MARK = /^\/\/ ((?:worker|protocol|node_modules)\/\S+)$/;

/**
 * A minimal CDP client over wrangler's inspector proxy (`--inspector-port`). workerd's own
 * inspector takes one session, and wrangler holds it: a second client connects but gets no answers.
 */
async function connect(port) {
  // The proxy wants a local Origin from any client that sends a User-Agent (undici does).
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: "http://localhost" } });
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve);
    socket.addEventListener("error", () => reject(new Error(`no inspector on port ${port}`)));
  });
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener("message", (e) => {
    const msg = JSON.parse(String(e.data));
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    if (msg.error) waiter.reject(new Error(`${waiter.method}: ${msg.error.message}`));
    else waiter.resolve(msg.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
        setTimeout(() => reject(new Error(`${method}: no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
      }),
    close: () => socket.close(),
  };
}

/** Starts profiling the isolate behind `inspectorPort`; `stop()` resolves with the summary. */
export async function startProfile(inspectorPort) {
  const cdp = await connect(inspectorPort);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
  await cdp.send("Profiler.start");
  return {
    async stop() {
      const { profile } = await cdp.send("Profiler.stop");
      // The raw profile too, for DevTools (Performance > Load profile) or a closer look at callees.
      await mkdir(RESULTS, { recursive: true });
      await writeFile(new URL("ingest-profile.cpuprofile", RESULTS), JSON.stringify(profile));
      const sources = await readSources(cdp, profile);
      cdp.close();
      return summarise(profile, sources);
    },
  };
}

/** Each profiled script's module boundaries: sorted [line, module] from the bundle's comments. */
async function readSources(cdp, profile) {
  const ids = new Set(profile.nodes.map((n) => n.callFrame.scriptId).filter((id) => id && id !== "0"));
  const out = new Map();
  await cdp.send("Debugger.enable");
  for (const scriptId of ids) {
    const { scriptSource } = await cdp.send("Debugger.getScriptSource", { scriptId }).catch(() => ({ scriptSource: "" }));
    const marks = [];
    scriptSource.split("\n").forEach((line, i) => {
      const m = MODULE_MARK.exec(line);
      if (m) marks.push([i, m[1]]);
    });
    out.set(scriptId, marks);
  }
  await cdp.send("Debugger.disable");
  return out;
}

/** The module a call frame's line falls in (last mark at or above it). */
function moduleOf(sources, frame) {
  const marks = sources.get(frame.scriptId) ?? [];
  let found = frame.url ? frame.url.split("/").pop() : "V8 and workerd built-ins";
  for (const [line, name] of marks) {
    if (line > frame.lineNumber) break;
    found = name;
  }
  // A dependency counts as one: node_modules/zod/v4/core/core.js is "zod".
  return found.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, "$1");
}

/**
 * Self time per function and per module, in ms, over the samples when the isolate was not idle.
 * Sample intervals are wall-clock: on a busy machine they include time the thread was descheduled,
 * so only the shares are meaningful, not the milliseconds.
 */
function summarise(profile, sources) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const labelOf = (frame) => `${frame.functionName || "(anonymous)"} (${moduleOf(sources, frame)})`;
  const selfMs = new Map();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const functions = new Map();
  const modules = new Map();
  const stages = new Map();
  let busyMs = 0;
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    // "(program)" is time in workerd's C++ on the isolate's thread; "(garbage collector)" is V8's.
    const vmState = frame.functionName.startsWith("(");
    const module = vmState ? frame.functionName : moduleOf(sources, frame);
    const fn = vmState ? module : `${frame.functionName || "(anonymous)"} (${module})`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    modules.set(module, (modules.get(module) ?? 0) + ms);
    // Inclusive time of our own functions on the stack: the upload path's stages. After an await the
    // stack restarts at the resumed function, so a stage counts its synchronous stretches only.
    const ours = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const f = byId.get(at).callFrame;
      if (/^(worker|protocol)\//.test(moduleOf(sources, f)) && f.url) ours.add(labelOf(f));
    }
    for (const label of ours) stages.set(label, (stages.get(label) ?? 0) + ms);
  }
  const ranked = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: ms / busyMs }));
  return { busyMs, idleMs, functions: ranked(functions), modules: ranked(modules), stages: ranked(stages) };
}
