import { inArray, sql } from "drizzle-orm";
import { badgeAwards, badges, users } from "../schema";
import type { Database } from "../client.server";
import { ensureBadgeCatalogue, evaluateMembers } from "../../app/modules/badges/awards.server";
import { notify } from "../../app/modules/notifications/notify.server";
import { ensureMessageLibrary } from "../../app/modules/notifications/motivation.server";

const demoAwards: Record<string, string[]> = {
  "member@quitpath.test": [
    "smoke-free-1-day",
    "smoke-free-3-days",
    "smoke-free-1-week",
    "check-in-streak-3",
    "cravings-resisted-10",
    "money-saved-tier-1",
  ],
  "member2@quitpath.test": ["smoke-free-1-day", "smoke-free-3-days"],
  "member13@quitpath.test": ["smoke-free-1-day", "check-in-streak-3", "money-saved-tier-1"],
  "member14@quitpath.test": ["smoke-free-1-day"],
};

/**
 * The badge catalogue, the message library, badges earned by demo members (one shared publicly) and a few
 * notifications. Idempotent. Skipped when the tables are not there yet (a database without this branch's migration).
 */
export async function seedAchievementsDemo(db: Database): Promise<void> {
  const [ready] = (await db.execute(sql`select to_regclass('badge_awards') is not null as ok`)) as unknown as { ok: boolean }[];
  if (!ready?.ok) return;
  await ensureBadgeCatalogue(db);
  await ensureMessageLibrary(db);
  // Whatever journey data exists earns its real badges.
  await evaluateMembers(db, "all-active", new Date());

  const members = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.email, Object.keys(demoAwards)));
  const catalogue = await db.select({ id: badges.id, key: badges.key, nameEn: badges.nameEn, nameVi: badges.nameVi }).from(badges);
  const byKey = new Map(catalogue.map((b) => [b.key, b]));
  const day = 86_400_000;
  for (const member of members) {
    const keys = demoAwards[member.email] ?? [];
    const rows = keys.flatMap((key, i) => {
      const badge = byKey.get(key);
      return badge
        ? [
            {
              userId: member.id,
              badgeId: badge.id,
              awardedAt: new Date(Date.now() - (keys.length - i) * day),
              shared: member.email === "member@quitpath.test" && key === "smoke-free-1-week",
            },
          ]
        : [];
    });
    if (rows.length === 0) continue;
    const inserted = await db
      .insert(badgeAwards)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: badgeAwards.id, badgeId: badgeAwards.badgeId });
    for (const award of inserted) {
      const badge = catalogue.find((b) => b.id === award.badgeId)!;
      await notify(db, {
        userId: member.id,
        kind: "milestones",
        messageKey: "notifications:milestoneReached.title",
        values: { badge: member.locale === "vi" ? badge.nameVi : badge.nameEn },
        href: `/app/badges/${award.id}`,
        dedupeKey: `badge:${award.id}`,
      });
    }
    await notify(db, {
      userId: member.id,
      kind: "check-in-reminder",
      messageKey: "notifications:checkInReminder.title",
      values: {
        body:
          member.locale === "vi"
            ? "Hôm nay của bạn thế nào? Ghi nhận một phút giúp tiến độ luôn được cập nhật."
            : "How is today going? A one-minute check-in keeps your progress up to date.",
      },
      href: "/app",
      dedupeKey: "demo:reminder",
    });
  }
}
