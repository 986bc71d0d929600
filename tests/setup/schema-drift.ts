import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import * as schema from "#db/schema";

/** SQL needed to bring the last committed migration's snapshot up to db/schema (empty when in step). */
export async function pendingSchemaChanges(): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.resolve("migrations/meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  const last = journal.entries.at(-1);
  const prev = last
    ? JSON.parse(readFileSync(path.resolve(`migrations/meta/${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"))
    : generateDrizzleJson({});
  const current = generateDrizzleJson(schema as Record<string, unknown>, prev.id, undefined, "snake_case");
  return [...(await generateMigration(prev, current)), ...pendingHandWrittenSql()];
}

/**
 * SQL Drizzle cannot declare (exclusion constraints, triggers), kept in db/schema/<domain>.constraints.sql
 * until it is folded into a generated migration: a file is pending while a constraint it adds is
 * (or a trigger it creates) is named in no committed migration.
 */
function pendingHandWrittenSql(): string[] {
  const dir = path.resolve("db/schema");
  const migrations = readdirSync(path.resolve("migrations"))
    .filter((name) => name.endsWith(".sql"))
    .map((name) => readFileSync(path.resolve("migrations", name), "utf8"))
    .join("\n");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".constraints.sql"))
    .sort()
    .flatMap((name) => {
      const text = readFileSync(path.join(dir, name), "utf8");
      const names = [...text.matchAll(/(?:ADD CONSTRAINT|CREATE (?:OR REPLACE )?TRIGGER) "([^"]+)"/gi)].map((m) => m[1]!);
      if (names.length > 0 && names.every((constraint) => migrations.includes(`"${constraint}"`))) return [];
      return text
        .split("--> statement-breakpoint")
        .map((statement) => statement.trim())
        .filter(Boolean);
    });
}
