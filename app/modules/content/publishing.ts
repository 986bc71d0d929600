import type { ContentItemStatus } from "#db/schema";

export type PublishCheck = { medical: boolean; revision: number; approvedRevision: number | null; translations: number };

/** Why an item may not be published now (a locale key), or null when it may. */
export function publishBlocker(item: PublishCheck): string | null {
  if (item.translations === 0) return "contentAdmin:errors.noTranslation";
  if (item.medical && item.approvedRevision !== item.revision) return "contentAdmin:errors.needsReview";
  return null;
}

/** What "publish at this time" does: a time that has come publishes at once, a later one schedules. */
export function scheduleOutcome(publishAt: Date, now: Date): Extract<ContentItemStatus, "published" | "scheduled"> {
  return publishAt.getTime() <= now.getTime() ? "published" : "scheduled";
}

/** Only published items are public; everything else is a 404, in pages, search and the sitemap alike. */
export const isPublic = (status: ContentItemStatus) => status === "published";
