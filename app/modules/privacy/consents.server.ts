import { and, desc, eq, isNull } from "drizzle-orm";
import { aiCoachConsents, healthConsents, notificationSettings } from "#db/schema";
import type { Database } from "#db/client.server";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { withdrawConsent as withdrawAiCoachConsent } from "~/modules/ai-coach/coach.server";
import { withdrawConsent as withdrawHealthConsent } from "~/modules/journey/consent.server";
import { applyUnsubscribe } from "~/modules/notifications/settings.server";
import {
  canTurnOff,
  channelsFor,
  notificationKinds,
  preferencesFromStored,
  type NotificationChannel,
} from "~/modules/notifications/preferences";

export const CONSENT_PURPOSES = ["health-data", "ai-coach", "external-ai-provider", "coach-access", "email", "sms"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** More AI coach agreements than a member gives in practice (each withdrawal and new agreement is one). */
const AI_CONSENT_HISTORY = 20;

export type ConsentView = {
  purpose: ConsentPurpose;
  /** The notice's version (health data), the provider named in it (AI coach), or null (notification settings have none). */
  version: string | null;
  /** When it was given or last changed; null while the member keeps the defaults. */
  givenAt: string | null;
  withdrawnAt: string | null;
  /** Email and SMS: the kinds of message the member agreed to receive on that channel. */
  kinds?: string[];
  manageHref: string;
};

/**
 * The member's consents with their purpose, version and dates (ownership in the query). Only
 * consents that change something are listed: each row's "manage" page is where withdrawing takes effect.
 * Research use of anonymised outcomes is not offered: no part of QuitPath shares outcomes for research.
 */
export async function consentOverview(db: Database, userId: string): Promise<ConsentView[]> {
  const [health, ai, notifications] = await Promise.all([
    db.select().from(healthConsents).where(eq(healthConsents.userId, userId)).orderBy(desc(healthConsents.grantedAt)).limit(1),
    // Every AI coach agreement, newest first: a part withdrawn in an older one still shows as withdrawn, with its date.
    db
      .select()
      .from(aiCoachConsents)
      .where(eq(aiCoachConsents.userId, userId))
      .orderBy(desc(aiCoachConsents.givenAt))
      .limit(AI_CONSENT_HISTORY),
    db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)),
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
  const consent = ai[0];
  if (consent) {
    const datesOf = (row: typeof consent, withdrawnAt = row.withdrawnAt) => ({
      givenAt: row.givenAt.toISOString(),
      withdrawnAt: withdrawnAt?.toISOString() ?? null,
    });
    views.push({ purpose: "ai-coach", version: consent.provider, ...datesOf(consent), manageHref: "/app/ai-coach" });
    // The agreement named the external host and, if ticked, a coach's reading of the conversation on handoff. Each
    // shows from the newest agreement that gave it, so one given once and withdrawn since stays listed as withdrawn.
    const external = ai.find((row) => row.provider !== "offline");
    if (external)
      views.push({ purpose: "external-ai-provider", version: external.provider, ...datesOf(external), manageHref: "/app/ai-coach" });
    const shared = ai.find((row) => row.shareWithCoach || row.shareWithCoachWithdrawnAt);
    if (shared)
      views.push({
        purpose: "coach-access",
        version: shared.provider,
        ...datesOf(shared, shared.shareWithCoach ? shared.withdrawnAt : shared.shareWithCoachWithdrawnAt),
        manageHref: "/app/ai-coach",
      });
  }
  const settings = notifications[0];
  const preferences = preferencesFromStored(settings?.preferences);
  const optionalKinds = (channel: NotificationChannel) =>
    notificationKinds.filter((kind) => canTurnOff(kind, channel) && channelsFor(preferences, kind).includes(channel));
  const changedAt = settings?.updatedAt.toISOString() ?? null;
  for (const channel of ["email", "sms"] as const) {
    const kinds = optionalKinds(channel);
    // SMS needs a number to go anywhere: without one nothing is agreed to, whatever the boxes say.
    const given = kinds.length > 0 && (channel === "email" || Boolean(settings?.phone));
    if (given || settings) {
      views.push({
        purpose: channel,
        version: null,
        givenAt: changedAt,
        withdrawnAt: given ? null : changedAt,
        kinds: given ? kinds : [],
        manageHref: "/app/notifications/preferences",
      });
    }
  }
  return views;
}

/** The consents with their message kinds named in the member's language, so the page need not ship the notifications namespace. */
export function withKindNames(consents: ConsentView[], locale: AppLocale) {
  const t = getFixedT(locale);
  return consents.map(({ kinds, ...c }) => ({ ...c, kinds: (kinds ?? []).map((kind) => t(`notifications:kinds.${kind}`)) }));
}

/**
 * Withdraws one consent from the privacy centre (GDPR Art. 7(3): as easy as giving it). The
 * external provider and the AI coach are one agreement, so either ends it; coach access only
 * stops the sharing; email and SMS turn off every optional kind on that channel (security and
 * billing email stay: the account needs them). Withdrawing twice changes nothing.
 */
export async function withdrawConsentFor(db: Database, userId: string, purpose: ConsentPurpose, now = new Date()): Promise<void> {
  switch (purpose) {
    case "health-data":
      await withdrawHealthConsent(db, userId);
      return;
    case "ai-coach":
    case "external-ai-provider":
      await withdrawAiCoachConsent(db, userId, now);
      return;
    case "coach-access":
      await db
        .update(aiCoachConsents)
        .set({ shareWithCoach: false, shareWithCoachWithdrawnAt: now })
        .where(and(eq(aiCoachConsents.userId, userId), isNull(aiCoachConsents.withdrawnAt), eq(aiCoachConsents.shareWithCoach, true)));
      return;
    case "email":
    case "sms":
      for (const kind of notificationKinds) if (canTurnOff(kind, purpose)) await applyUnsubscribe(db, { userId, kind, channel: purpose });
      return;
  }
}
