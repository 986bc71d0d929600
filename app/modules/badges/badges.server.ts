import { and, asc, desc, eq, sql } from "drizzle-orm";
import { badgeAwards, badges, privacySettings, users, type BadgeShareAudience } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { isBadgeIconName, type BadgeIconName } from "./icons";
import { milestoneText } from "./milestone";
import { progressTowards } from "./progress";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";
import { badgeRuleSchema, type BadgeRule } from "./rule";
import type { MemberProgress } from "./rules";
import { isUuid } from "~/lib/uuid";
import { initialsName } from "~/modules/community/avatar";
import { graduatedAmong } from "./awards.server";

type BadgeRow = typeof badges.$inferSelect;

export function badgeTexts(row: Pick<BadgeRow, "nameEn" | "nameVi" | "descriptionEn" | "descriptionVi">, locale: AppLocale) {
  return locale === "vi" ? { name: row.nameVi, description: row.descriptionVi } : { name: row.nameEn, description: row.descriptionEn };
}

export const iconOf = (icon: string): BadgeIconName => (isBadgeIconName(icon) ? icon : "trophy");

const ruleOf = (rule: unknown): BadgeRule | null => {
  const parsed = badgeRuleSchema.safeParse(rule);
  return parsed.success ? (parsed.data as BadgeRule) : null;
};

/** The badges page: every earned badge, and the active ones still to earn with the member's progress. Three queries. */
export async function memberBadges(db: Database, user: { id: string; currency: string }, locale: AppLocale, now: Date) {
  const catalogue = await db.select().from(badges).where(eq(badges.draft, false)).orderBy(asc(badges.sortOrder), asc(badges.key));
  const awards = await db.select().from(badgeAwards).where(eq(badgeAwards.userId, user.id)).orderBy(desc(badgeAwards.awardedAt));
  const snapshot = (await memberProgressSnapshots(db, [user.id], now)).get(user.id);
  const progress: MemberProgress = snapshot
    ? { ...snapshot, communityPosts: 0, helpfulComments: 0, graduated: (await graduatedAmong(db, [user.id])).has(user.id) }
    : {
        smokeFreeStreakDays: 0,
        moneySavedMinor: 0,
        currency: user.currency,
        cravingsResisted: 0,
        checkInStreakDays: 0,
        stagesCompleted: 0,
        totalStages: 0,
        communityPosts: 0,
        helpfulComments: 0,
        graduated: false,
      };
  const byBadge = new Map(catalogue.map((b) => [b.id, b]));
  const earnedIds = new Set(awards.map((a) => a.badgeId));
  const earned = awards.flatMap((a) => {
    const b = byBadge.get(a.badgeId);
    if (!b) return [];
    const rule = ruleOf(b.rule);
    return [
      {
        awardId: a.id,
        key: b.key,
        icon: iconOf(b.icon),
        ...badgeTexts(b, locale),
        milestone: rule ? milestoneText(rule, locale, progress.currency) : null,
        awardedAt: a.awardedAt.toISOString(),
      },
    ];
  });
  const upcoming = catalogue.flatMap((b) => {
    if (!b.active || earnedIds.has(b.id)) return [];
    const rule = ruleOf(b.rule);
    if (!rule) return [];
    const towards = progressTowards(rule, progress);
    if (!towards) return [];
    return [
      {
        badgeId: b.id,
        key: b.key,
        icon: iconOf(b.icon),
        ...badgeTexts(b, locale),
        milestone: milestoneText(rule, locale, progress.currency),
        kind: rule.kind,
        ...towards,
      },
    ];
  });
  return { earned, upcoming, total: catalogue.filter((b) => b.active).length, currency: progress.currency };
}

/** One of the member's own awards (ownership in the query; anything else is a 404). */
export async function memberAward(db: Database, userId: string, awardId: string, locale: AppLocale, currency: string) {
  if (!isUuid(awardId)) throw new DomainError("not-found", "badges:detail.notFound");
  const [row] = await db
    .select({ award: badgeAwards, badge: badges })
    .from(badgeAwards)
    .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
    .where(and(eq(badgeAwards.id, awardId), eq(badgeAwards.userId, userId)));
  if (!row) throw new DomainError("not-found", "badges:detail.notFound");
  const rule = ruleOf(row.badge.rule);
  return {
    awardId: row.award.id,
    key: row.badge.key,
    icon: iconOf(row.badge.icon),
    ...badgeTexts(row.badge, locale),
    milestone: rule ? milestoneText(rule, locale, currency) : null,
    awardedAt: row.award.awardedAt.toISOString(),
    shared: row.award.shared,
    shareAnonymously: row.award.shareAnonymously,
  };
}

export async function setAwardSharing(
  db: Database,
  userId: string,
  awardId: string,
  sharing: { shared: boolean; shareAnonymously?: boolean },
): Promise<void> {
  if (!isUuid(awardId)) throw new DomainError("not-found", "badges:detail.notFound");
  const rows = await db
    .update(badgeAwards)
    .set(
      sharing.shareAnonymously === undefined
        ? { shared: sharing.shared }
        : { shared: sharing.shared, shareAnonymously: sharing.shareAnonymously },
    )
    .where(and(eq(badgeAwards.id, awardId), eq(badgeAwards.userId, userId)))
    .returning({ id: badgeAwards.id });
  if (rows.length === 0) throw new DomainError("not-found", "badges:detail.notFound");
}

/** A publicly shared award, in the language of the page; null when it is private or does not exist. */
/**
 * A shared award as its share page shows it, or null (a 404) when it is not shared or its owner's
 * privacy settings keep it from this viewer: "nobody" from everyone, "members" from the signed-out.
 */
export async function sharedAward(db: Database, awardId: string, locale: AppLocale, viewer: { signedIn: boolean }) {
  if (!isUuid(awardId)) return null;
  const [row] = await db
    .select({
      award: badgeAwards,
      badge: badges,
      memberName: users.displayName,
      currency: users.currency,
      audience: sql<BadgeShareAudience>`coalesce(${privacySettings.badgeShareAudience}, 'link')`,
      nameShown: privacySettings.nameShown,
    })
    .from(badgeAwards)
    .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
    .innerJoin(users, eq(users.id, badgeAwards.userId))
    .leftJoin(privacySettings, eq(privacySettings.userId, badgeAwards.userId))
    .where(and(eq(badgeAwards.id, awardId), eq(badgeAwards.shared, true)));
  if (!row || row.audience === "nobody" || (row.audience === "members" && !viewer.signedIn)) return null;
  const rule = ruleOf(row.badge.rule);
  const texts = badgeTexts(row.badge, locale);
  return {
    awardId: row.award.id,
    icon: iconOf(row.badge.icon),
    ...texts,
    milestone: (rule ? milestoneText(rule, locale, row.currency) : null) ?? texts.name,
    memberName: row.award.shareAnonymously ? null : row.nameShown === "initials" ? initialsName(row.memberName) : row.memberName,
    audience: row.audience,
    awardedAt: row.award.awardedAt.toISOString(),
  };
}
