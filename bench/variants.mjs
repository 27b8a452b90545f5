// What each benchmarked variant adds to the heavy page, where its code comes from (for profile
// attribution and bundle sizes), which backend it talks to, and how its replay can be rebuilt.

/**
 * `script(ctx)` is the HTML added to the page; ctx has `sink` (the peers' loopback backend),
 * `worker` (our worker's origin, through its counting proxy) and `token` (a recording token).
 * `backend` names the server that counts the variant's requests; `replay` how its events are had
 * for the fidelity check: "sink" (raw rrweb's uploads) or "stored" (read back from the worker).
 */
export const VARIANTS = {
  none: { script: () => "", code: /(?!)/, backend: null, replay: null },
  "raw-rrweb": {
    script: (ctx) => `<script>window.__bench = { sink: ${JSON.stringify(ctx.sink)} };</script><script type="module" src="/peer-rrweb.js"></script>`,
    code: /\/peer-rrweb\.js/,
    backend: "sink",
    replay: "sink",
  },
  sentry: {
    script: (ctx) =>
      `<script>window.__bench = { sentryDsn: ${JSON.stringify(`${ctx.sink.replace("//", "//benchkey@")}/1`)} };</script><script type="module" src="/peer-sentry.js"></script>`,
    code: /\/peer-sentry\.js/,
    backend: "sink",
    replay: null,
  },
  posthog: {
    script: (ctx) => `<script>window.__bench = { sink: ${JSON.stringify(ctx.sink)} };</script><script type="module" src="/peer-posthog.js"></script>`,
    code: /\/peer-posthog\.js|\/static\/.*recorder[\w.-]*\.js/,
    backend: "sink",
    replay: null,
  },
  ours: { script: (ctx) => ours(ctx, ""), code: /\/recorder\.js/, backend: "worker", replay: "stored" },
  "ours-masked": { script: (ctx) => ours(ctx, "maskAllText: true,"), code: /\/recorder\.js/, backend: "worker", replay: "stored" },
};

/** Our recorder as a host app loads it: an ES module from the worker's origin, with the defaults. */
function ours(ctx, extra) {
  return `<script type="module">
import { startRecording } from ${JSON.stringify(`${ctx.worker}/recorder.js`)};
const handle = startRecording({ endpoint: ${JSON.stringify(ctx.worker)}, token: ${JSON.stringify(ctx.token)}, ${extra}
  onStatus: (s) => { if (s.sessionId) window.__sessionId = s.sessionId; } });
window.__benchFlush = () => handle.flush();
</script>`;
}
