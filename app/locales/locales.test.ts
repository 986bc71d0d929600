import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "./index";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(name, value);
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text);
  }
  return entries;
}

const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];
const catalogue = {
  en: new Map(namespaces.map((ns) => [ns, flatten(resources.en[ns] as unknown as Tree)])),
  vi: new Map(namespaces.map((ns) => [ns, flatten(resources.vi[ns] as unknown as Tree)])),
};
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** A key as i18next resolves it, plurals included (`x` is found through `x_one` / `x_other`). */
function exists(lang: "en" | "vi", ns: string, key: string): boolean {
  const messages = catalogue[lang].get(ns as (typeof namespaces)[number]);
  return !!messages && (messages.has(key) || messages.has(`${key}_other`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "locales" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("translations", () => {
  it.each(namespaces)("%s has exactly the same keys in English and Vietnamese", (ns) => {
    expect([...catalogue.vi.get(ns)!.keys()].sort()).toEqual([...catalogue.en.get(ns)!.keys()].sort());
  });

  it.each(namespaces)("%s uses the same {{variables}} in both languages, and no message is empty", (ns) => {
    for (const [key, text] of catalogue.en.get(ns)!) {
      const vi = catalogue.vi.get(ns)!.get(key) ?? "";
      expect(variables(vi), `${ns}:${key}`).toEqual(variables(text));
      expect(text.trim(), `${ns}:${key} (en)`).not.toBe("");
      expect(vi.trim(), `${ns}:${key} (vi)`).not.toBe("");
    }
  });

  it("every literal key the code uses exists in both languages", () => {
    const pattern = new RegExp(`["'\`](${namespaces.join("|")}):([\\w.-]+)["'\`]`, "g");
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(path.resolve("app"))) {
      // A route's handle names namespaces and sections (journey:log), not keys.
      const source = readFileSync(file, "utf8").replace(/^export const handle = \{[^}]*\};/m, "");
      for (const match of source.matchAll(pattern)) {
        const [, ns, key] = match;
        checked++;
        for (const lang of ["en", "vi"] as const) {
          if (!exists(lang, ns!, key!)) missing.push(`${lang} ${ns}:${key} (${path.relative(".", file)})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
