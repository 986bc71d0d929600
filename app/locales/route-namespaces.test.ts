import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces, shellNamespaces, type Namespace } from "~/lib/i18n";
import { resources } from "./index";

/**
 * The browser gets only the namespaces a page's routes declare (`handle.i18n`) plus the shell's,
 * so a route that shows a key from an undeclared namespace would show the raw key after a
 * client-side navigation. This reads each route's browser-side import graph (everything but
 * `.server` files and type-only imports) and the namespaces its code names.
 */
const appDir = path.resolve("app");
const routesDir = path.join(appDir, "routes");

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(appDir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const importPattern = /^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms;
const namespaceList = namespaces.join("|");
const usePattern = new RegExp(`useTranslation\\(\\s*(\\[[^\\]]*\\]|"(?:${namespaceList})")`, "g");
const keyPattern = new RegExp(`["'\`](${namespaceList}):[\\w.$-]`, "g");

function namespacesNamedIn(source: string): Set<Namespace> {
  const named = new Set<Namespace>();
  for (const [, arg] of source.matchAll(usePattern)) for (const [, ns] of arg!.matchAll(/"(\w+)"/g)) named.add(ns as Namespace);
  for (const [, ns] of source.matchAll(keyPattern)) named.add(ns as Namespace);
  return named;
}

/**
 * Every file in a route's import graph (not the locale files themselves; `.server` files only with
 * `withServer`), with its source, once each.
 */
function eachFileOf(routeFile: string, withServer: boolean, see: (file: string, source: string) => void) {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || (!withServer && isServerFile(file)) || file.includes(`${path.sep}locales${path.sep}`)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    see(file, source);
    for (const [, specifier] of source.matchAll(importPattern)) {
      const target = resolveImport(file, specifier!);
      if (target) visit(target);
    }
  };
  visit(routeFile);
}

const isServerFile = (file: string) => /\.server\.tsx?$/.test(file);

/** What a route's browser code names, with the file that names it. */
export function namespacesUsedBy(routeFile: string): Map<Namespace, string> {
  const used = new Map<Namespace, string>();
  eachFileOf(routeFile, false, (file, source) => {
    for (const ns of namespacesNamedIn(source)) if (!used.has(ns)) used.set(ns, path.relative(".", file));
  });
  return used;
}

export function declaredNamespaces(routeFile: string): string[] | null {
  const match = readFileSync(routeFile, "utf8").match(/^export const handle = \{[^}]*?\bi18n: \[([^\]]*)\]/m);
  return match ? [...match[1]!.matchAll(/"(\w+(?::\w+)?)"/g)].map((m) => m[1]!) : null;
}

/**
 * The top-level sections of `ns` a route's page names: "ns:section…" anywhere in its import graph
 * (server modules too: their error keys reach the page in an action's answer), and, in browser files
 * whose `useTranslation` defaults to `ns`, any string that reads like a key ("log.title", `mood.${m}`).
 */
export function sectionsUsedBy(routeFile: string, ns: Namespace): Map<string, string> {
  const used = new Map<string, string>();
  const prefixed = new RegExp(`["'\`]${ns}:(\\w+)`, "g");
  const defaulted = new RegExp(`useTranslation\\(\\s*(?:\\[\\s*)?"${ns}"`);
  const keyLike = /["'`]([a-z]\w*)\.(?:[\w-]|\$\{)/g;
  eachFileOf(routeFile, true, (file, source) => {
    const note = (section: string) => {
      if (!used.has(section)) used.set(section, path.relative(".", file));
    };
    for (const [, section] of source.matchAll(prefixed)) note(section!);
    if (!isServerFile(file) && defaulted.test(source)) {
      for (const [, section] of source.replace(importPattern, "").matchAll(keyLike)) if (section! in resources.en[ns]) note(section!);
    }
  });
  return used;
}

// Resource routes (no default export) render no page, so they send no translations.
const routeFiles = readdirSync(routesDir)
  .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
  .map((name) => path.join(routesDir, name))
  .filter((file) => /^export default /m.test(readFileSync(file, "utf8")));

describe("the namespaces each route sends to the browser", () => {
  it("lists every namespace there is", () => {
    expect([...namespaces].sort()).toEqual(Object.keys(resources.en).sort());
  });

  it.each(routeFiles.map((file) => [path.basename(file), file]))("%s declares the namespaces its page uses", (_name, file) => {
    const declared = declaredNamespaces(file) ?? [];
    for (const part of declared) expect(namespaces, `${file} declares an unknown namespace`).toContain(part.split(":")[0]);
    const declaresSome = (ns: string) => declared.includes(ns) || declared.some((part) => part.startsWith(`${ns}:`));
    const missing = [...namespacesUsedBy(file)]
      .filter(([ns]) => !(shellNamespaces as readonly string[]).includes(ns) && !declaresSome(ns))
      .map(([ns, where]) => `${ns} (named in ${where})`);
    expect(missing, `add them to \`export const handle = { i18n: [...] };\` in ${path.relative(".", file)}`).toEqual([]);
  });

  it.each(
    routeFiles
      .filter((file) => (declaredNamespaces(file) ?? []).some((part) => part.includes(":")))
      .map((file) => [path.basename(file), file]),
  )("%s declares every section of a namespace it sends in part", (_name, file) => {
    const declared = declaredNamespaces(file) ?? [];
    for (const part of declared.filter((p) => p.includes(":"))) {
      const [ns, section] = part.split(":") as [Namespace, string];
      expect(Object.keys(resources.en[ns]), `${file} declares a section ${part} that does not exist`).toContain(section);
    }
    const partial = [...new Set(declared.filter((p) => p.includes(":")).map((p) => p.split(":")[0] as Namespace))];
    for (const ns of partial) {
      if (declared.includes(ns)) continue;
      const missing = [...sectionsUsedBy(file, ns)].filter(([section]) => !declared.includes(`${ns}:${section}`));
      expect(
        missing.map(([section, where]) => `${ns}:${section} (named in ${where})`),
        `add them to \`export const handle = { i18n: [...] };\` in ${path.relative(".", file)}`,
      ).toEqual([]);
    }
  });
});
