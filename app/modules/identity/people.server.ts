import { count } from "drizzle-orm";
import { users } from "#db/schema";
import type { Database } from "#db/client.server";

export async function countPeopleByRole(db: Database) {
  return db.select({ role: users.role, count: count() }).from(users).groupBy(users.role).orderBy(users.role);
}
