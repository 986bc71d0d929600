import { asc, eq, sql } from "drizzle-orm";
import { badges } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import en from "~/locales/en/badges";
import vi from "~/locales/vi/badges";
import { loadRecipients, noDeliveries, notifyMember, type Deliveries } from "~/modules/notifications/deliver.server";
import { renderNotificationText } from "~/modules/notifications/messages";
import { seedBadgeCatalogue, type CatalogueBadge } from "./catalogue";
import { milestoneText } from "./milestone";
import { badgeRuleSchema, type BadgeRule } from "./rule";
import { evaluateBadges, type MemberProgress } from "./rules";
import { uuidArray } from "#db/arrays";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";

/** Inserts the seed catalogue's badges that are missing (admins' edits are never overwritten). */
export async function ensureBadgeCatalogue(db: Database): Promise<void> {
  await db
    .insert(badges)
    .values(
      seedBadgeCatalogue.map((b, i) => {
        const key = b.key as keyof typeof en.badges;
        return {
          key: b.key,
          nameEn: en.badges[key].name,
          nameVi: vi.badges[key].name,
          descriptionEn: en.badges[key].description,
          descriptionVi: vi.badges[key].description,
          icon: b.icon,
          rule: b.rule,
          sortOrder: i,
        };
      }),
    )
    .onConflictDoNothing({ target: badges.key });
}

export type StoredBadge = CatalogueBadge & { id: string };

/** The catalogue as the engine evaluates it; a row whose rule no longer validates is skipped, not fatal. */
export async function loadCatalogue(db: Database): Promise<StoredBadge[]> {
  // A draft badge is never awarded: the engine does not see it.
  const rows = await db.select().from(badges).where(eq(badges.draft, false)).orderBy(asc(badges.sortOrder), asc(badges.key));
  return rows.flatMap((row) => {
    const rule = badgeRuleSchema.safeParse(row.rule);
    return rule.success ? [{ id: row.id, key: row.key, rule: rule.data as BadgeRule, active: row.active }] : [];
  });
}

export type NewAward = { id: string; userId: string; badgeId: string };

const BATCH = 5_000;

/**
 * Evaluates members' badges and awards what they newly qualify for, in batches: one progress statement,
 * rules in memory, one INSERT … ON CONFLICT DO NOTHING for the awards and their in-app notifications.
 * Safe to run twice at once: the unique (user_id, badge_id) lets exactly one insert win, and only the
 * winner's RETURNING row gets a notification.
 */
export async function evaluateMembers(
  db: Database,
  who: string[] | "all-active",
  now: Date,
  options: { batchSize?: number; onBatch?: (newAwards: NewAward[]) => Promise<void> } = {},
): Promise<{ evaluated: number; awarded: NewAward[] }> {
  const catalogue = (await loadCatalogue(db)).filter((b) => b.active);
  const batchSize = options.batchSize ?? BATCH;
  const awarded: NewAward[] = [];
  let evaluated = 0;
  const runBatch = async (ids: string[]) => {
    const snapshots = await memberProgressSnapshots(db, ids, now);
    const graduates = await graduatedAmong(db, [...snapshots.keys()]);
    const userColumn: string[] = [];
    const badgeColumn: string[] = [];
    for (const [userId, snapshot] of snapshots) {
      const progress: MemberProgress = { ...snapshot, communityPosts: 0, helpfulComments: 0, graduated: graduates.has(userId) };
      for (const key of evaluateBadges(progress, catalogue)) {
        userColumn.push(userId);
        badgeColumn.push(catalogue.find((b) => b.key === key)!.id);
      }
    }
    evaluated += snapshots.size;
    if (userColumn.length === 0) return;
    const fresh = await insertAwards(db, userColumn, badgeColumn);
    awarded.push(...fresh);
    if (options.onBatch && fresh.length > 0) await options.onBatch(fresh);
  };
  if (who !== "all-active") {
    for (let i = 0; i < who.length; i += batchSize) await runBatch(who.slice(i, i + batchSize));
    return { evaluated, awarded };
  }
  // Two batches in flight: one being computed while the other is written (the database has two cores' worth to give).
  let after = "00000000-0000-0000-0000-000000000000";
  let exhausted = false;
  const nextPage = async (): Promise<string[] | null> => {
    if (exhausted) return null;
    const rows = (await db.execute(
      sql`select user_id from quit_attempts where status = 'active' and user_id > ${after}::uuid order by user_id limit ${batchSize}`,
    )) as unknown as { user_id: string }[];
    if (rows.length < batchSize) exhausted = true;
    if (rows.length === 0) return null;
    after = rows.at(-1)!.user_id;
    return rows.map((r) => r.user_id);
  };
  let paging: Promise<unknown> = Promise.resolve();
  const worker = async () => {
    for (;;) {
      // Pages are taken one at a time, so the keyset cursor advances in order.
      const page = paging.then(nextPage);
      paging = page;
      const ids = await page;
      if (!ids) return;
      await runBatch(ids);
    }
  };
  await Promise.all([worker(), worker()]);
  return { evaluated, awarded };
}

/** Which of these members a coach has graduated (one statement; none asked, none read). */
export async function graduatedAmong(db: Database, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = (await db.execute(
    sql`select distinct member_id from graduations where member_id = any(${uuidArray(userIds)})`,
  )) as unknown as { member_id: string }[];
  return new Set(rows.map((r) => r.member_id));
}

/** One statement: awards (sorted, so concurrent sweeps lock rows in the same order) and their in-app notifications. */
async function insertAwards(db: Database, userIds: string[], badgeIds: string[]): Promise<NewAward[]> {
  const order = userIds.map((_, i) => i).sort((a, b) => (userIds[a]! + badgeIds[a]! < userIds[b]! + badgeIds[b]! ? -1 : 1));
  const rows = (await db.execute(sql`
    with pairs as (
      select * from unnest(${uuidArray(order.map((i) => userIds[i]!))}, ${uuidArray(order.map((i) => badgeIds[i]!))}) with ordinality as p(user_id, badge_id, n)
    ),
    fresh as (
      insert into badge_awards (user_id, badge_id)
      select user_id, badge_id from pairs order by n
      on conflict (user_id, badge_id) do nothing
      returning id, user_id, badge_id
    ),
    notes as (
      insert into notifications (user_id, kind, payload, dedupe_key)
      select f.user_id, 'milestones',
             jsonb_build_object('messageKey', 'notifications:milestoneReached.title',
                                'values', jsonb_build_object('badge', case when u.locale = 'vi' then b.name_vi else b.name_en end),
                                'href', '/app/badges/' || f.id),
             'badge:' || f.id
      from fresh f join users u on u.id = f.user_id join badges b on b.id = f.badge_id
      on conflict do nothing
      returning user_id
    ),
    signals as (
      select count(pg_notify('quitpath_notifications', user_id::text)) as n from (select distinct user_id from notes) x
    )
    select f.id, f.user_id, f.badge_id, (select n from signals) as signalled from fresh f
  `)) as unknown as { id: string; user_id: string; badge_id: string }[];
  return rows.map((r) => ({ id: r.id, userId: r.user_id, badgeId: r.badge_id }));
}

/**
 * Emails and texts new awards to members whose preferences ask for milestones by email/SMS
 * (the in-app notification was written with the award). Idempotent per award.
 */
export async function announceAwards(db: Database, awardIds: string[], now: Date): Promise<Deliveries> {
  const deliveries = noDeliveries();
  if (awardIds.length === 0) return deliveries;
  const rows = (await db.execute(sql`
    select a.id, a.user_id, b.key, b.name_en, b.name_vi, b.rule
    from badge_awards a join badges b on b.id = a.badge_id
    where a.id = any(${uuidArray(awardIds)})
  `)) as unknown as { id: string; user_id: string; key: string; name_en: string; name_vi: string; rule: unknown }[];
  const recipients = await loadRecipients(db, [...new Set(rows.map((r) => r.user_id))]);
  for (const row of rows) {
    const recipient = recipients.get(row.user_id);
    const rule = badgeRuleSchema.safeParse(row.rule);
    if (!recipient || !rule.success) continue;
    const locale = recipient.locale;
    const badge = locale === "vi" ? row.name_vi : row.name_en;
    const milestone = milestoneText(rule.data as BadgeRule, locale, recipient.currency) ?? badge;
    const values = { name: recipient.displayName, badge, milestone };
    const t = getFixedT(locale);
    const href = `${appUrl()}/app/badges/${row.id}`;
    await notifyMember(
      db,
      recipient,
      {
        kind: "milestones",
        dedupeKey: `badge:${row.id}`,
        now,
        inApp: null,
        content: {
          subject: renderNotificationText("milestoneReached", "subject", values, locale),
          paragraphs: [renderNotificationText("milestoneReached", "body", values, locale)],
          action: { label: t("notifications:milestoneReached.action"), href },
          sms: renderNotificationText("milestoneReached", "sms", values, locale),
        },
      },
      deliveries,
    );
  }
  return deliveries;
}
