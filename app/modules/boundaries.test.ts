import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve("app");
const MODULES = path.join(APP, "modules");
const LIB = path.join(APP, "lib");
const ROUTES = path.join(APP, "routes");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// Static imports, `export … from` and dynamic `import("…")`, type-only ones included: a type is a dependency too.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

function importedPaths(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(SPECIFIER)].flatMap(([, specifier]) => {
    if (specifier!.startsWith("~/")) return [path.join(APP, specifier!.slice(2))];
    if (specifier!.startsWith(".")) return [path.resolve(path.dirname(file), specifier!)];
    return [];
  });
}

function domainOf(absolute: string): string | null {
  const relative = path.relative(MODULES, absolute);
  if (relative.startsWith("..") || !relative.includes(path.sep)) return null;
  return relative.split(path.sep)[0]!;
}

/** Which domain folders of app/modules import which, tests excluded (a test may reach anywhere). */
function domainGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(MODULES)) {
    const from = domainOf(file);
    if (!from || /\.test\.tsx?$/.test(file)) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importedPaths(file)) {
      const to = domainOf(target);
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's first appearance in a depth-first walk, as a path that starts and ends on the same domain. */
function cyclesIn(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) return void cycles.push([...trail.slice(at), node]);
    if (done.has(node)) return;
    for (const next of [...(graph.get(node) ?? [])].sort()) walk(next, [...trail, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) walk(node, []);
  return cycles;
}

// Guards (`requireUser`, `requireRole`, `requireEntitlement`, `requireModerator`) are the HTTP edge of their domain:
// a loader's first line throws the sign-in redirect or the 403 page they build. Everything else answers in domain terms.
const GUARD = /^require[A-Z]/;
// Dissolved into the community routes' typed actions by the typed-action work; nothing new is added to it.
const LEAVING = new Set(["community/post-actions.server.ts"]);
const HTTP_ANSWER = /\bredirect\(|\bnew Response\(|(?<![.\w])(?:data|json)\(/g;

/** Each place a module builds an HTTP answer, with the top-level function it sits in. */
function httpAnswers(file: string): { at: string; inside: string | null }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  let inside: string | null = null;
  return lines.flatMap((line, index) => {
    const declared = /^(?:export )?(?:async )?function (\w+)|^(?:export )?const (\w+)\s*=/.exec(line);
    if (declared) inside = declared[1] ?? declared[2]!;
    const code = line.replace(/\/\/.*$|^\s*\*.*$/, "");
    return [...code.matchAll(HTTP_ANSWER)].map(() => ({ at: `${path.relative(MODULES, file)}:${index + 1}`, inside }));
  });
}

describe("the boundaries of a domain module", () => {
  it("no domain folder reaches back to one that imports it", () => {
    expect(cyclesIn(domainGraph()).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("app/lib, shared by every domain, imports none of them", () => {
    const reaching = sourceFiles(LIB)
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) =>
        importedPaths(file)
          .filter((target) => domainOf(target))
          .map((target) => `${path.relative(APP, file)} → ${path.relative(APP, target)}`),
      );
    expect(reaching).toEqual([]);
  });

  it("modules answer with results and DomainErrors; only guards build redirects and error responses", () => {
    const answers = sourceFiles(MODULES)
      .filter((file) => !/\.test\.tsx?$/.test(file) && !LEAVING.has(path.relative(MODULES, file)))
      .flatMap(httpAnswers);
    const outsideGuards = answers
      .filter(({ inside }) => !inside || !GUARD.test(inside))
      .map(({ at, inside }) => `${at} (in ${inside ?? "module scope"})`);
    expect(outsideGuards).toEqual([]);
    // The scan sees the guards' own answers (the sign-in redirect, the 403s), so an empty list above means something.
    expect(answers.map(({ inside }) => inside)).toEqual(expect.arrayContaining(["requireUser", "requireRole", "requireEntitlement"]));
  });

  it("routes call module functions and never reach tables or query builders themselves", () => {
    const reaching = sourceFiles(ROUTES).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^import (?!type )[^;]*?from ["'](#db\/schema|drizzle-orm[^"']*)["']/gms)].map(
        ([, source]) => `${path.relative(APP, file)} imports ${source}`,
      ),
    );
    expect(reaching).toEqual([]);
  });

  it("finds a cycle when there is one, so a green run means something", () => {
    const graph = new Map([
      ["journey", new Set(["badges"])],
      ["badges", new Set(["notifications"])],
      ["notifications", new Set(["journey"])],
      ["billing", new Set(["identity"])],
    ]);
    expect(cyclesIn(graph)).toEqual([["badges", "notifications", "journey", "badges"]]);
  });
});
