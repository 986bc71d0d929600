import { smokingProfiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { scoreFtnd, scoreHsi } from "./assessment";
import { requireConsent } from "./consent.server";
import { ftndAnswers, type SmokingProfile } from "./profile";

export async function saveProfile(db: Database, userId: string, input: SmokingProfile & { packPriceMinor: number }): Promise<void> {
  const ftnd = scoreFtnd(ftndAnswers(input));
  const hsi = scoreHsi(ftndAnswers(input));
  const values = {
    cigarettesPerDay: input.cigarettesPerDay,
    yearsSmoked: input.yearsSmoked,
    cigarettesPerPack: input.cigarettesPerPack,
    packPriceMinor: input.packPriceMinor,
    currency: input.currency,
    brand: input.brand ?? null,
    triggers: input.triggers,
    customTriggers: input.customTriggers,
    reasons: input.reasons,
    ftndAnswers: {
      minutesToFirstCigarette: input.minutesToFirstCigarette,
      difficultToRefrain: input.difficultToRefrain,
      hatesToGiveUp: input.hatesToGiveUp,
      smokesMoreInMorning: input.smokesMoreInMorning,
      smokesWhenIll: input.smokesWhenIll,
    },
    ftndScore: ftnd.score,
    hsiScore: hsi.score,
  };
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    await tx
      .insert(smokingProfiles)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: smokingProfiles.userId, set: { ...values, updatedAt: new Date() } });
  });
}
