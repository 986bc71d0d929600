import { desc, eq } from "drizzle-orm";
import { aiCoachConsents, healthConsents } from "#db/schema";
import type { Database } from "#db/client.server";

export type ConsentView = {
  purpose: "health-data" | "ai-coach";
  /** The notice's version (health data) or the provider named in it (AI coach). */
  version: string;
  givenAt: string;
  withdrawnAt: string | null;
  manageHref: string;
};

/** The member's latest consent for each purpose, with its version and dates (ownership in the query). */
export async function consentOverview(db: Database, userId: string): Promise<ConsentView[]> {
  const [health, ai] = await Promise.all([
    db.select().from(healthConsents).where(eq(healthConsents.userId, userId)).orderBy(desc(healthConsents.grantedAt)).limit(1),
    db.select().from(aiCoachConsents).where(eq(aiCoachConsents.userId, userId)).orderBy(desc(aiCoachConsents.givenAt)).limit(1),
  ]);
  const views: ConsentView[] = [];
  if (health[0]) {
    views.push({
      purpose: "health-data",
      version: health[0].purposeVersion,
      givenAt: health[0].grantedAt.toISOString(),
      withdrawnAt: health[0].withdrawnAt?.toISOString() ?? null,
      manageHref: "/app/consent",
    });
  }
  if (ai[0]) {
    views.push({
      purpose: "ai-coach",
      version: ai[0].provider,
      givenAt: ai[0].givenAt.toISOString(),
      withdrawnAt: ai[0].withdrawnAt?.toISOString() ?? null,
      manageHref: "/app/ai-coach",
    });
  }
  return views;
}
