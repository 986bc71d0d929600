import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import type { Database } from "#db/client.server";
import type { AppLocale } from "~/lib/i18n";
import type { profileSchema } from "./account";
import type { z } from "zod";

export async function updateProfile(db: Database, userId: string, input: z.infer<typeof profileSchema>): Promise<void> {
  await db
    .update(users)
    .set({
      displayName: input.displayName,
      locale: input.locale,
      currency: input.currency,
      timeZone: input.timeZone,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}

/** The language switcher's choice, kept on the account so emails and the next device use it too. */
export async function setPreferredLocale(db: Database, userId: string, locale: AppLocale): Promise<void> {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}
