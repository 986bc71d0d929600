import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import type { Database } from "#db/client.server";
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
