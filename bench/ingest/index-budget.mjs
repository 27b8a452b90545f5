// The D1 budget (issue 10: at most 0.1 write statements per chunk, averaged over a 10-minute
// session): a few tabs each upload one session of 120 chunks (10 minutes at the recorder's 5 s),
// then the run waits for each session's end flush (60 s after its last chunk), whose log line
// ("session ended", index-flush.ts) says how many D1 write statements the session's object sent.
// Chunks arrive faster than 5 s apart here, so the index flushes by its 50-row rule more often
// than a real session would (every 10 minutes): the figure is an upper bound.
import { prepareTab } from "./upload-bodies.mjs";
import { driveUploads } from "./upload-load.mjs";

/** Longest wait for the end flushes: 60 s after the last chunk, plus the alarm's slack. */
const END_WAIT_MS = 100_000;

function endedSessions(logs, ids) {
  const found = [];
  for (const line of logs.split("\n")) {
    const at = line.indexOf('{"level":"info","msg":"session ended"');
    if (at < 0) continue;
    try {
      found.push(JSON.parse(line.slice(at)));
    } catch {
      // A line cut by the pipe: the next poll reads it whole.
    }
  }
  return found.filter((e) => ids.has(e.sessionId));
}

/** Uploads `tabs` sessions of `chunks` chunks and returns { sessions, chunks, statements, perChunk }. */
export async function measureIndexBudget({ server, tabs = 4, chunks = 120, checkoutEvery = Infinity, mintToken }) {
  const prepared = prepareTab(chunks, checkoutEvery);
  const ids = new Set();
  const run = await driveUploads({
    server,
    prepared,
    concurrency: tabs,
    sessionsPerTab: 1,
    onSession: (sessionId) => ids.add(sessionId),
    mintToken,
    userPrefix: "bench-budget",
  });
  const failed = Object.values(run.failures).reduce((a, n) => a + n, 0);
  const deadline = Date.now() + END_WAIT_MS;
  let ended = endedSessions(await server.allLogs(), ids);
  while (ended.length < ids.size && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2_000));
    ended = endedSessions(await server.allLogs(), ids);
  }
  const total = ended.reduce((a, e) => ({ chunks: a.chunks + e.chunks, statements: a.statements + e.d1WriteStatements }), { chunks: 0, statements: 0 });
  return { sessions: ended.length, expected: ids.size, failed, ...total, perChunk: total.chunks ? total.statements / total.chunks : null };
}
