import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { motivationMessages } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";

export type MotivationText = { textEn: string; textVi: string };

/** Every motivation message, active or not, in key order: the admin's library. */
export async function motivationLibrary(db: Database) {
  return db.select().from(motivationMessages).orderBy(asc(motivationMessages.key));
}

export async function saveMotivationMessage(db: Database, id: string, values: MotivationText & { active: boolean }): Promise<void> {
  const rows = await db
    .update(motivationMessages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(motivationMessages.id, id))
    .returning({ id: motivationMessages.id });
  if (rows.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}

/** A message the admin wrote, keyed apart from the built-in ones so the seed never overwrites it. */
export async function addMotivationMessage(db: Database, values: MotivationText): Promise<string> {
  const [row] = await db
    .insert(motivationMessages)
    .values({ key: `custom-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`, ...values })
    .returning({ id: motivationMessages.id });
  return row!.id;
}
