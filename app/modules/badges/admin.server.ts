import { and, asc, count, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { badgeAwards, badges } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import type { badgeCreateSchema, badgeEditSchema } from "./admin";
import { badgeTexts, iconOf } from "./badges.server";
import { isUuid } from "~/lib/uuid";

/** The whole catalogue for the admin list, with how often each badge has been awarded: one query. */
export async function adminBadgeCatalogue(db: Database, locale: AppLocale) {
  const rows = await db
    .select({ badge: badges, awarded: count(badgeAwards.id) })
    .from(badges)
    .leftJoin(badgeAwards, eq(badgeAwards.badgeId, badges.id))
    .groupBy(badges.id)
    .orderBy(asc(badges.sortOrder), asc(badges.key));
  return rows.map(({ badge, awarded }) => ({
    id: badge.id,
    key: badge.key,
    name: badgeTexts(badge, locale).name,
    icon: iconOf(badge.icon),
    rule: badge.rule,
    active: badge.active,
    draft: badge.draft,
    awarded,
  }));
}

/** One badge as the edit form needs it; an unknown or malformed id is not found. */
export async function badgeForEditing(db: Database, badgeId: string | undefined) {
  if (!isUuid(badgeId)) throw new DomainError("not-found", "badges:detail.notFound");
  const [badge] = await db.select().from(badges).where(eq(badges.id, badgeId));
  if (!badge) throw new DomainError("not-found", "badges:detail.notFound");
  return badge;
}

export async function saveBadge(db: Database, badgeId: string | undefined, input: z.output<typeof badgeEditSchema>): Promise<void> {
  if (!isUuid(badgeId)) throw new DomainError("not-found", "badges:detail.notFound");
  const rows = await db
    .update(badges)
    .set({ ...input, rule: input.rule as Record<string, unknown>, updatedAt: new Date() })
    .where(eq(badges.id, badgeId))
    .returning({ id: badges.id });
  if (rows.length === 0) throw new DomainError("not-found", "badges:detail.notFound");
}

/** Switches a badge on or off for new awards; awards already made stay. */
export async function setBadgeActive(db: Database, badgeId: string, active: boolean): Promise<void> {
  const rows = await db.update(badges).set({ active, updatedAt: new Date() }).where(eq(badges.id, badgeId)).returning({ id: badges.id });
  if (rows.length === 0) throw new DomainError("not-found", "badges:detail.notFound");
}

/** A new badge, as a draft after the last one: nobody earns or sees it until it is published. A taken key is a 409. */
export async function createBadge(db: Database, input: z.output<typeof badgeCreateSchema>): Promise<string> {
  const [row] = await db
    .insert(badges)
    .values({
      ...input,
      rule: input.rule as Record<string, unknown>,
      draft: true,
      active: true,
      sortOrder: sql`(select coalesce(max(${sql.raw('"badges"."sort_order"')}), 0) + 1 from badges)`,
    })
    .onConflictDoNothing({ target: badges.key })
    .returning({ id: badges.id });
  if (!row) throw new DomainError("conflict", "badges:admin.errors.keyTaken", { field: "key" });
  return row.id;
}

/** Publishes a draft badge; members see it and earn it from the next evaluation. Publishing twice changes nothing. */
export async function publishBadge(db: Database, badgeId: string): Promise<void> {
  const [badge] = await db.select({ id: badges.id }).from(badges).where(eq(badges.id, badgeId));
  if (!badge) throw new DomainError("not-found", "badges:detail.notFound");
  await db
    .update(badges)
    .set({ draft: false, updatedAt: new Date() })
    .where(and(eq(badges.id, badgeId), eq(badges.draft, true)));
}
