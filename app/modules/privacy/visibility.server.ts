import { eq, sql } from "drizzle-orm";
import { privacySettings, type BadgeShareAudience, type CommunityNameShown } from "#db/schema";
import type { Database } from "#db/client.server";

export type Visibility = {
  nameShown: CommunityNameShown;
  avatarShown: boolean;
  smokeFreeDaysShown: boolean;
  badgeShareAudience: BadgeShareAudience;
};

/** What a member without a settings row gets: everything shown, as before the privacy centre existed. */
export const DEFAULT_VISIBILITY: Visibility = {
  nameShown: "full",
  avatarShown: true,
  smokeFreeDaysShown: true,
  badgeShareAudience: "link",
};

export async function visibilityOf(db: Database, userId: string): Promise<Visibility> {
  const [row] = await db
    .select({
      nameShown: privacySettings.nameShown,
      avatarShown: privacySettings.avatarShown,
      smokeFreeDaysShown: privacySettings.smokeFreeDaysShown,
      badgeShareAudience: privacySettings.badgeShareAudience,
    })
    .from(privacySettings)
    .where(eq(privacySettings.userId, userId));
  return row ?? DEFAULT_VISIBILITY;
}

/** Saving the same choices twice changes nothing but the date. */
export async function saveVisibility(db: Database, userId: string, visibility: Visibility): Promise<void> {
  await db
    .insert(privacySettings)
    .values({ userId, ...visibility })
    .onConflictDoUpdate({ target: privacySettings.userId, set: { ...visibility, updatedAt: sql`now()` } });
}
