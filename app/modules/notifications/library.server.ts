import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { motivationMessages } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";

export type MotivationText = { textEn: string; textVi: string };

/** Every motivation message, active or not, in key order: the admin's library. */
export async function motivationLibrary(db: Database) {
  return db.select().from(motivationMessages).orderBy(asc(motivationMessages.key));
}

const bothLanguages = (values: MotivationText) => values.textEn.trim() !== "" && values.textVi.trim() !== "";

/** Saves a message; a draft may lack one language, a published message (which members receive) may not. */
export async function saveMotivationMessage(db: Database, id: string, values: MotivationText & { active: boolean }): Promise<void> {
  const [message] = await db.select({ draft: motivationMessages.draft }).from(motivationMessages).where(eq(motivationMessages.id, id));
  if (!message) throw new DomainError("not-found", "errors:notFound.title");
  if (!message.draft && !bothLanguages(values)) throw new DomainError("invalid", "notifications:library.errors.required");
  await db
    .update(motivationMessages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(motivationMessages.id, id));
}

/** A draft goes out to members once published, which needs both languages. Publishing twice changes nothing. */
export async function publishMotivationMessage(db: Database, id: string): Promise<void> {
  const [message] = await db.select().from(motivationMessages).where(eq(motivationMessages.id, id));
  if (!message) throw new DomainError("not-found", "errors:notFound.title");
  if (!bothLanguages(message)) throw new DomainError("invalid", "notifications:library.errors.required");
  await db
    .update(motivationMessages)
    .set({ draft: false, updatedAt: new Date() })
    .where(and(eq(motivationMessages.id, id), eq(motivationMessages.draft, true)));
}

/** A message the admin wrote, as a draft, keyed apart from the built-in ones so the seed never overwrites it. */
export async function addMotivationMessage(db: Database, values: MotivationText): Promise<string> {
  const [row] = await db
    .insert(motivationMessages)
    .values({ key: `custom-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`, ...values, draft: true })
    .returning({ id: motivationMessages.id });
  return row!.id;
}
