// Closed-loop upload load: `concurrency` tabs record at once, each sending its session's chunks in
// order (the next only after the answer, as the recorder's sender does), then starting a new
// session as a new tab would. Only answers that arrive inside the measured window count, and the
// workerd CPU time is read at both ends of that window.
import { Agent, request } from "node:http";
import { bodyFor } from "./upload-bodies.mjs";

/** Before the measured window: connections open, isolates warm, the first sessions under way. */
const WARMUP_MS = 1_500;
/** Pause before re-sending after wrangler dev's "worker restarted mid-request" 503. */
const RESTART_RETRY_MS = 50;
/** An answer slower than this counts as a socket error (status 0), so a wedged worker cannot hang the run. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Refused answers kept verbatim (warm-up included), to tell wrangler's 503s from the worker's. */
const FAILURES_KEPT = 5;
/** How often one upload is re-sent before the tab gives up on it. */
const MAX_ATTEMPTS = 5;
/** The page the uploads come from (the recorder runs cross-origin, so the browser sends it). */
const PAGE_ORIGIN = "https://app.example.com";

/** POSTs `body` and resolves with its status and text (never rejects: a socket error is status 0). */
function post(agent, url, headers, body) {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "Content-Length": body.length } }, (res) => {
      const parts = [];
      res.on("data", (d) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString("utf8") }));
      res.on("error", (err) => resolve({ status: 0, text: err.code ?? err.message }));
    });
    req.on("error", (err) => resolve({ status: 0, text: err.code ?? err.message }));
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
    req.end(body);
  });
}

/** wrangler dev answers this when it reloads the worker under a request (workers-sdk#14641). */
function isDevRestart(res) {
  return res.status === 503 && /restarted mid-request/i.test(res.text);
}

/**
 * Drives uploads at `concurrency` against `server` for `seconds` (after a warm-up), or until the
 * promise `until` settles when given, or until each tab has sent `sessionsPerTab` sessions
 * (`onSession` hears each new session id), and returns
 * { uploads, seconds, sessions, latenciesMs, cpu: { worker, proxy, client (this process) } seconds, restarts, socketErrors,
 * failures: {status: n}, firstFailures: [the first few refused answers] }.
 */
export async function driveUploads({ server, prepared, concurrency, seconds, until, mintToken, userPrefix, sessionsPerTab = Infinity, onSession }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = `${server.origin}/api/replay/upload`;
  const stats = { uploads: 0, latenciesMs: [], restarts: 0, socketErrors: 0, failures: {}, firstFailures: [] };
  let measuring = false;
  let stopped = false;
  let sessions = 0;
  const tab = async () => {
    for (let own = 0; !stopped && own < sessionsPerTab; own++) {
      const sessionId = crypto.randomUUID();
      onSession?.(sessionId);
      const headers = {
        Authorization: `Bearer ${await mintToken(`${userPrefix}-${sessions++}`)}`,
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        Origin: PAGE_ORIGIN,
      };
      for (let seq = 0; seq < prepared.length && !stopped; seq++) {
        const body = bodyFor(prepared[seq], sessionId, seq);
        const started = performance.now();
        let res;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          res = await post(agent, url, headers, body);
          if (stats.firstFailures.length < FAILURES_KEPT && res.status !== 200) stats.firstFailures.push(`seq ${seq}: ${res.status} ${res.text.slice(0, 200)}`);
          if (!isDevRestart(res) && res.status !== 0) break;
          if (measuring && res.status) stats.restarts++;
          else if (measuring) stats.socketErrors++;
          await new Promise((r) => setTimeout(r, RESTART_RETRY_MS));
        }
        if (!measuring || stopped) continue;
        if (res.status === 200) {
          stats.uploads++;
          stats.latenciesMs.push(performance.now() - started);
        } else {
          stats.failures[res.status] = (stats.failures[res.status] ?? 0) + 1;
          break; // as the recorder would, this tab starts over with a new session
        }
      }
    }
  };
  const tabs = Array.from({ length: concurrency }, tab);
  // With sessionsPerTab, the run ends when every tab has sent its sessions (or `until`, if sooner).
  const allSent = Number.isFinite(sessionsPerTab) ? Promise.all(tabs) : null;
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const cpuBefore = await server.cpu();
  const clientBefore = process.cpuUsage();
  const startedAt = performance.now();
  measuring = true;
  await (until ?? allSent ?? new Promise((r) => setTimeout(r, seconds * 1000)));
  measuring = false;
  const cpuAfter = await server.cpu();
  const client = process.cpuUsage(clientBefore);
  const elapsed = (performance.now() - startedAt) / 1000;
  stopped = true;
  await Promise.all(tabs);
  agent.destroy();
  return {
    ...stats,
    seconds: elapsed,
    sessions,
    cpu: { worker: cpuAfter.worker - cpuBefore.worker, proxy: cpuAfter.proxy - cpuBefore.proxy, client: (client.user + client.system) / 1e6 },
  };
}
