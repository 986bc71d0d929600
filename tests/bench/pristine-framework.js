// Preloaded (node --import) by the benchmarks' "unpatched" servers: each file that patches/ changes
// is compiled from its published text in BENCH_PRISTINE_DIR instead, at its own path, so the same
// node_modules serves patched and unpatched servers side by side. Prints one line per file it swaps.
import { readdirSync, readFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pristineDir = process.env.BENCH_PRISTINE_DIR;
if (!pristineDir) throw new Error("BENCH_PRISTINE_DIR is not set");

const pristine = new Map();
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith(".js")) pristine.set(path.join(root, path.relative(pristineDir, file)), file);
  }
})(path.join(pristineDir, "node_modules"));

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const published = pristine.get(filename);
  if (published === undefined) return compile.call(this, content, filename);
  process.stdout.write(`[pristine] ${path.relative(root, filename)}\n`);
  return compile.call(this, readFileSync(published, "utf8"), filename);
};
