/**
 * A small host page that changes on its own (a ticking counter) and records itself; `extra` is
 * appended to the options object literal, and `prelude` (script text) runs before the recorder loads.
 */
export function busyPageHtml(workerOrigin: string, tokenExpr: string, extra = "", prelude = ""): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Busy</title></head>
<body>
<h1>Orders</h1><p>Tick <span id="tick">0</span></p><button id="more">More</button><ul id="list"></ul>
<script>
  let n = 0;
  setInterval(() => { document.getElementById("tick").textContent = String(++n); }, 100);
  document.getElementById("more").addEventListener("click", () => {
    const li = document.createElement("li"); li.textContent = "Row " + n; document.getElementById("list").append(li);
  });
</script>
<script>${prelude}</script>
<script type="module">
  import { startRecording } from "${workerOrigin}/recorder.js";
  window.__statuses = [];
  window.__tokenCalls = 0;
  window.__rec = startRecording({
    endpoint: "${workerOrigin}",
    ${tokenExpr},
    flushIntervalMs: 1000,
    onStatus: (s) => window.__statuses.push(s),
    ${extra}
  });
</script>
</body></html>`;
}
