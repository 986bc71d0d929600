import { readFileSync } from "node:fs";
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
  return generateMigration(prev, current);
}
