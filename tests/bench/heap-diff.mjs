// Usage: node --max-old-space-size=3000 tests/bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot
// What grew between two V8 heap snapshots of one process (e.g. the soak's SOAK_HEAP_SNAPSHOTS=1
// pair): self size and count of live objects by constructor (strings, arrays and code by kind).
// A snapshot is taken after a full collection, so this is live memory, not garbage.
import { readFileSync } from "node:fs";
function summarize(file) {
  const snap = JSON.parse(readFileSync(file, "utf8"));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const n = f.length,
    nodes = snap.nodes,
    strings = snap.strings;
  const iType = f.indexOf("type"),
    iName = f.indexOf("name"),
    iSize = f.indexOf("self_size");
  const agg = new Map();
  for (let i = 0; i < nodes.length; i += n) {
    const type = types[nodes[i + iType]];
    let name = type === "object" || type === "closure" || type === "native" ? strings[nodes[i + iName]] : `(${type})`;
    if (name.length > 60) name = name.slice(0, 60);
    const a = agg.get(name) ?? { count: 0, size: 0 };
    a.count++;
    a.size += nodes[i + iSize];
    agg.set(name, a);
  }
  return agg;
}
const [a, b] = process.argv.slice(2).map(summarize);
const rows = [...b].map(([k, v]) => {
  const o = a.get(k) ?? { count: 0, size: 0 };
  return [k, v.count - o.count, v.size - o.size, v.count, v.size];
});
rows.sort((x, y) => y[2] - x[2]);
let total = 0;
for (const r of rows) total += r[2];
console.log("total self size diff MB", (total / 1048576).toFixed(1));
for (const r of rows.slice(0, 35))
  console.log(
    `${(r[2] / 1024).toFixed(0).padStart(8)} KB  ${String(r[1]).padStart(8)} objs  now ${r[3]} / ${(r[4] / 1048576).toFixed(1)} MB  ${r[0]}`,
  );
