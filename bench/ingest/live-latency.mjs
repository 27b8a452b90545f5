// Live latency (contract §9): a viewer on one session's socket, a tab uploading to that session,
// and the time from each upload's answer to the viewer's chunk frame for it; plus when the answers
// start and stop saying `watched`. Ticket and socket are opened as the admin UI does (see
// test/e2e/live.test.ts): POST /api/admin/live/tickets with an admin token, then the upgrade from
// the worker's own origin.
// Node 20 has no global WebSocket without a flag; undici's is the same WHATWG client and can set Origin.
import { WebSocket } from "undici";
import { bodyFor } from "./upload-bodies.mjs";

/** The recorder sends at least once a second while watched; this benchmark sends a little faster. */
const UPLOAD_EVERY_MS = 400;
/** How long a chunk frame may take before it counts as lost. */
const FRAME_TIMEOUT_MS = 5_000;
/** The contract lets answers say `watched` up to 5 s after the last viewer left; watch a while longer. */
const AFTER_LEAVE_WATCH_MS = 8_000;

/** Opens the session's live socket and resolves once its hello came; frames are timestamped as they arrive. */
async function openViewer(origin, sessionId, adminToken) {
  const minted = await fetch(`${origin}/api/admin/live/tickets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ sessionId }),
  });
  if (minted.status !== 201) throw new Error(`ticket: ${minted.status} ${await minted.text()}`);
  const { ticket } = await minted.json();
  const socket = new WebSocket(`${origin.replace(/^http/, "ws")}/api/admin/sessions/${sessionId}/live?ticket=${ticket}`, { headers: { Origin: origin } });
  const chunkAt = new Map();
  const hello = new Promise((resolve, reject) => {
    socket.addEventListener("message", (e) => {
      const frame = JSON.parse(String(e.data));
      if (frame.type === "hello") resolve(performance.now());
      if (frame.type === "chunk") chunkAt.set(frame.seq, performance.now());
    });
    socket.addEventListener("error", () => reject(new Error("live socket failed")));
    setTimeout(() => reject(new Error("no hello on the live socket")), FRAME_TIMEOUT_MS);
  });
  await hello;
  return { socket, chunkAt };
}

async function upload(origin, token, prepared, sessionId, seq) {
  const res = await fetch(`${origin}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Encoding": "gzip" },
    body: bodyFor(prepared[seq % prepared.length], sessionId, seq),
  });
  const answer = await res.json();
  if (res.status !== 200) throw new Error(`upload ${seq}: ${res.status} ${JSON.stringify(answer)}`);
  return { answeredAt: performance.now(), watched: answer.watched === true };
}

async function waitForFrame(chunkAt, seq) {
  for (const deadline = performance.now() + FRAME_TIMEOUT_MS; performance.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
    if (chunkAt.has(seq)) return chunkAt.get(seq);
  }
  return null;
}

/**
 * Uploads `chunks` chunks to one session while a viewer watches, then leaves and keeps uploading.
 * Returns { latenciesMs (frame − answer, per chunk), lost, watchedAnswers, watchedFirstSeq,
 * watchedForMsAfterLeave }.
 */
export async function measureLiveLatency({ origin, prepared, chunks, mintToken }) {
  const sessionId = crypto.randomUUID();
  const token = await mintToken(`bench-live-${sessionId.slice(0, 8)}`);
  const viewer = await openViewer(origin, sessionId, await mintToken("bench-live-admin", { admin: true }));
  const latenciesMs = [];
  let lost = 0;
  let watchedAnswers = 0;
  let watchedFirstSeq = null;
  let seq = 0;
  for (; seq < chunks; seq++) {
    const sent = performance.now();
    const answer = await upload(origin, token, prepared, sessionId, seq);
    if (answer.watched) watchedAnswers++, (watchedFirstSeq ??= seq);
    const frameAt = await waitForFrame(viewer.chunkAt, seq);
    if (frameAt === null) lost++;
    else latenciesMs.push(frameAt - answer.answeredAt);
    await new Promise((r) => setTimeout(r, Math.max(0, UPLOAD_EVERY_MS - (performance.now() - sent))));
  }
  const closed = new Promise((resolve) => viewer.socket.addEventListener("close", resolve));
  viewer.socket.close(1000, "done");
  await closed;
  const leftAt = performance.now();
  let watchedForMsAfterLeave = 0;
  while (performance.now() - leftAt < AFTER_LEAVE_WATCH_MS) {
    const answer = await upload(origin, token, prepared, sessionId, seq++);
    if (answer.watched) watchedForMsAfterLeave = answer.answeredAt - leftAt;
    await new Promise((r) => setTimeout(r, UPLOAD_EVERY_MS));
  }
  return { chunks, latenciesMs, lost, watchedAnswers, watchedFirstSeq, watchedForMsAfterLeave };
}
