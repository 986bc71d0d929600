import { sql } from "drizzle-orm";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { e2eDb } from "./fixtures";

/**
 * Schema edits not yet captured in a migration, applied to the e2e database as the integration
 * setup does for its template (a no-op once the migration exists). Several workers may call it:
 * one at a time, and a statement another worker already applied is skipped.
 */
export async function applyPendingSchema(): Promise<void> {
  const statements = await pendingSchemaChanges();
  if (statements.length === 0) return;
  await e2eDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(73115)`);
    for (const statement of statements) {
      try {
        await tx.transaction(async (step) => void (await step.execute(sql.raw(statement))));
      } catch (error) {
        const code = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
        if (code !== "42P07" && code !== "42710") throw error; // duplicate table / object: applied already
      }
    }
  });
}
