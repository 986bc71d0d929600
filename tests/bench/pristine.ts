// The framework files that patches/ changes, as published: for the benchmarks' unpatched runs and
// the patch's unit test. node_modules itself is never touched.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const patchesDir = path.join(repoRoot, "patches");

function patchFiles(): string[] {
  if (!existsSync(patchesDir)) return [];
  return readdirSync(patchesDir)
    .filter((name) => name.endsWith(".patch"))
    .sort();
}

/** The node_modules files that patches/ changes (paths relative to the repository), from the patches' own headers. */
export function patchedFiles(): string[] {
  return patchFiles().flatMap((patch) =>
    [...readFileSync(path.join(patchesDir, patch), "utf8").matchAll(/^\+\+\+ b\/(.+)$/gm)].map((match) => match[1]!),
  );
}

/**
 * The text before a patch: each hunk's new lines (context and "+") are found in the patched text,
 * in order, and replaced by its old lines (context and "-"). Throws if a hunk is not there exactly.
 * (Not `git apply -R`: inside a repository it silently skips paths outside the current folder.)
 */
export function reversePatch(patched: string, diff: string, file: string): string {
  const lines = patched.split("\n");
  const out: string[] = [];
  let at = 0;
  for (const hunk of diff.split(/^(?=@@ )/m).slice(1)) {
    const body = hunk.split("\n").slice(1);
    const before: string[] = [];
    const after: string[] = [];
    for (const line of body) {
      if (line.startsWith("diff --git") || line.startsWith("\\")) break;
      if (line.startsWith(" ") || line === "") {
        before.push(line.slice(1));
        after.push(line.slice(1));
      } else if (line.startsWith("-")) before.push(line.slice(1));
      else if (line.startsWith("+")) after.push(line.slice(1));
    }
    while (after.length > 0 && after.at(-1) === "" && before.at(-1) === "") {
      after.pop();
      before.pop();
    }
    let found = -1;
    for (let i = at; i + after.length <= lines.length && found < 0; i++) {
      if (after.every((line, j) => lines[i + j] === line)) found = i;
    }
    if (found < 0)
      throw new Error(`${file}: a hunk of its patch is not in the installed file; is the patch applied (npm install runs patch-package)?`);
    out.push(...lines.slice(at, found), ...before);
    at = found + after.length;
  }
  out.push(...lines.slice(at));
  return out.join("\n");
}

/** The patches, one per file they change: [file, that file's part of the diff]. */
function patchesByFile(): [string, string][] {
  return patchFiles().flatMap((patch) =>
    readFileSync(path.join(patchesDir, patch), "utf8")
      .split(/^(?=diff --git )/m)
      .filter((part) => part.startsWith("diff --git "))
      .map((part): [string, string] => [/^\+\+\+ b\/(.+)$/m.exec(part)![1]!, part]),
  );
}

/**
 * Writes each patched file as published (its patch reversed) under .data/bench/pristine, in the
 * repository's layout (node_modules/…). Fails, saying so, if node_modules is not patched.
 */
export function preparePristineFramework(): string {
  const dir = path.join(repoRoot, ".data/bench/pristine");
  const fingerprint = createHash("sha256");
  for (const [file, diff] of patchesByFile()) fingerprint.update(readFileSync(path.join(repoRoot, file))).update(diff);
  const digest = fingerprint.digest("hex");
  const stamp = path.join(dir, "patches-hash");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (const [file, diff] of patchesByFile()) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), reversePatch(readFileSync(path.join(repoRoot, file), "utf8"), diff, file));
  }
  writeFileSync(stamp, digest);
  return dir;
}

/** Evaluates the published text of one patched CommonJS file as if it were at its real path (its own requires resolve as usual). */
export function loadPristine<T>(file: string): T {
  const filename = path.join(repoRoot, file);
  const source = readFileSync(path.join(preparePristineFramework(), file), "utf8");
  const module = { exports: {} as T };
  const evaluate = new Function("exports", "require", "module", "__filename", "__dirname", source);
  evaluate(module.exports, createRequire(filename), module, filename, path.dirname(filename));
  return module.exports;
}
