// The benchmark's heavy page: ~6,000 nodes, a mutation every 100 ms, a 200-row table re-sorted on
// clicks, a text field, a long scrollable list, and two views switched with pushState. The typical
// page (`BENCH_PAGE=typical`) is the same page at the size of an ordinary app view: ~1,600 nodes,
// a 50-row table, one update a second. The workload (workload.mjs) drives either.
// `recorderScript` is the variant's <script> (empty for the no-recorder baseline).

/** The pages' shapes: table rows, tiles, feed lines, and how often the clock and feed change. */
export const PAGE_SHAPES = {
  heavy: { rows: 200, tiles: 600, feed: 100, tickMs: 100 },
  typical: { rows: 50, tiles: 150, feed: 40, tickMs: 1000 },
};

/** Returns the page HTML. */
export function heavyPageHtml(recorderScript, shape = PAGE_SHAPES.heavy) {
  const { rows, tiles, feed, tickMs } = shape;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title>
<style>body{font:14px sans-serif;margin:0} td,th{padding:2px 6px;border-bottom:1px solid #ddd} .tile{display:inline-block;width:90px;margin:2px;padding:4px;background:#eef}</style></head>
<body>
<nav><a id="to-a" href="/view-a">A</a> <a id="to-b" href="/view-b">B</a> <span id="clock">0</span></nav>
<input id="q" placeholder="Search"><div id="status"></div>
<section id="a"><table id="t"><thead><tr><th id="sort-name">Name</th><th id="sort-qty">Qty</th><th>Price</th><th>Status</th><th>Note</th></tr></thead><tbody></tbody></table></section>
<section id="b" hidden><div id="tiles"></div></section>
<div id="feed"></div>
<script>
  const rows = Array.from({ length: ${rows} }, (_, i) => ({ name: "Item " + ((i * 7919) % 1000), qty: (i * 31) % 97, price: ((i * 53) % 400) + ".00", status: ["ok", "low", "out"][i % 3], note: "Lorem ipsum dolor " + i }));
  let key = "name", dir = 1;
  function render() {
    const tb = document.querySelector("#t tbody");
    tb.replaceChildren(...[...rows].sort((x, y) => (x[key] > y[key] ? dir : -dir)).map((r) => {
      const tr = document.createElement("tr");
      for (const k of ["name", "qty", "price", "status", "note"]) { const td = document.createElement("td"); td.textContent = r[k]; tr.append(td); }
      return tr;
    }));
  }
  render();
  document.getElementById("sort-name").onclick = () => { key = "name"; dir = -dir; render(); };
  document.getElementById("sort-qty").onclick = () => { key = "qty"; dir = -dir; render(); };
  const tiles = document.getElementById("tiles");
  for (let i = 0; i < ${tiles}; i++) { const d = document.createElement("div"); d.className = "tile"; d.innerHTML = "<b>Tile " + i + "</b> <i>x</i>"; tiles.append(d); }
  const feed = document.getElementById("feed");
  for (let i = 0; i < ${feed}; i++) { const p = document.createElement("p"); p.textContent = "Feed line " + i; feed.append(p); }
  let n = 0;
  const ticker = setInterval(() => {
    n++;
    document.getElementById("clock").textContent = String(n);
    const p = document.createElement("p"); p.textContent = "Update " + n; feed.prepend(p); feed.lastElementChild.remove();
    if (n % 5 === 0) document.querySelectorAll(".tile")[n % ${tiles}].classList.toggle("hot");
  }, ${tickMs});
  // The fidelity check stops the page changing before it compares the page with its replay.
  window.__freezePage = () => clearInterval(ticker);
  document.getElementById("q").oninput = (e) => { document.getElementById("status").textContent = "Searching " + e.target.value.length; };
  function go(view) { history.pushState({}, "", "/view-" + view); document.getElementById("a").hidden = view !== "a"; document.getElementById("b").hidden = view !== "b"; }
  document.getElementById("to-a").onclick = (e) => { e.preventDefault(); go("a"); };
  document.getElementById("to-b").onclick = (e) => { e.preventDefault(); go("b"); };
  // Long tasks (>50 ms) with their start times, so the runner can tell page load from steady state.
  window.__longTasks = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true }); } catch {}
</script>
${recorderScript}
</body></html>`;
}
