import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";

/** Whether Postgres answers a trivial statement: what a load balancer's health check asks. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
