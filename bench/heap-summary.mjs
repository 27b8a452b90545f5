// Compares heap snapshots saved by `BENCH_HEAP_SNAPSHOTS=1 node bench/run.mjs`: self size by node
// type and by constructor (or string/code kind), each snapshot beside the first, largest
// differences first. Self sizes only: what a node holds itself, not what it keeps alive.
//   node bench/heap-summary.mjs bench/results/heap-raw-rrweb-1x-1.heapsnapshot bench/results/heap-ours-1x-1.heapsnapshot
import { readFile } from "node:fs/promises";
import { basename } from "node:path";

const ROWS = Number(process.env.HEAP_ROWS ?? 30);

/** Self bytes per "type" and per "type: name" of one snapshot. */
async function summarize(path) {
  const snap = JSON.parse(await readFile(path, "utf8"));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSize] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const byType = new Map();
  const byName = new Map();
  const add = (map, key, size) => map.set(key, (map.get(key) ?? 0) + size);
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]];
    const size = snap.nodes[i + iSize];
    // Strings and code are grouped by kind: their names are their contents.
    const name = type === "object" || type === "closure" || type === "native" ? snap.strings[snap.nodes[i + iName]].slice(0, 60) : "";
    total += size;
    add(byType, type, size);
    add(byName, `${type}: ${name}`, size);
  }
  return { label: basename(path, ".heapsnapshot"), total, byType, byName };
}

const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error("give one or more .heapsnapshot files; the first is the baseline");
const sums = await Promise.all(paths.map(summarize));
const kb = (n) => (n / 1024).toFixed(0).padStart(7);
function table(title, pick) {
  const keys = new Set(sums.flatMap((s) => [...pick(s).keys()]));
  const rows = [...keys].map((k) => ({ k, sizes: sums.map((s) => pick(s).get(k) ?? 0) }));
  rows.sort((a, b) => Math.abs(b.sizes.at(-1) - b.sizes[0]) - Math.abs(a.sizes.at(-1) - a.sizes[0]));
  console.log(`\n${title} (KB; last minus first)`);
  console.log(`${sums.map((s) => s.label.slice(0, 22).padStart(23)).join("")}  ${"diff".padStart(7)}  what`);
  for (const r of rows.slice(0, ROWS)) console.log(`${r.sizes.map((n) => kb(n).padStart(23)).join("")}  ${kb(r.sizes.at(-1) - r.sizes[0])}  ${r.k}`);
}
console.log(sums.map((s) => `${s.label}: ${(s.total / 1048576).toFixed(2)} MB self in total`).join("\n"));
table("by node type", (s) => s.byType);
table("by constructor", (s) => s.byName);
