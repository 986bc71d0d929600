import { sql } from "drizzle-orm";
import { preparedRows, type Database } from "#db/client.server";
import type { Locale } from "#db/schema";
import { formatNumber } from "~/lib/format";
import { getFixedT } from "~/lib/i18n.server";
import { plainTextExcerpt } from "~/modules/community/excerpt";
import { featuredStoriesJson, storyPreviews } from "~/modules/community/stories.server";
import { refreshCommunityFigures, storedCommunityFiguresJson, type CommunityFigures } from "~/modules/journey/progress.server";
import { featuredArticlesJson, homepageHeroJson, type FeaturedArticle } from "./content.server";
import { contentPath, sectionPath } from "./paths";

type Blocks = {
  hero: { title: string; body: string } | null;
  articles: FeaturedArticle[];
  stories: unknown;
  figures: CommunityFigures | null;
};

/**
 * The homepage's blocks: the hero editors wrote (if any), live figures from the journey, featured
 * articles (editors' "featured" flag) and featured stories. One prepared statement reads them all,
 * each block as JSON of exactly what the page shows (no article or post body to parse), the figures
 * from their stored row; only when no job has stored them lately does the page compute and store them.
 */
export async function homepageBlocks(db: Database, locale: Locale) {
  const [row] = await preparedRows<Blocks>(
    db,
    sql`select ${homepageHeroJson(locale)} as hero, ${featuredArticlesJson(locale, 3)} as articles,
      ${featuredStoriesJson(3)} as stories, ${storedCommunityFiguresJson()} as figures`,
  );
  const counts = row?.figures ?? (await refreshCommunityFigures(db));
  const t = getFixedT(locale);
  return {
    meta: { title: t("home:meta.title"), description: t("home:meta.description") },
    hubPath: sectionPath("/learn", locale),
    hero: row?.hero ?? null,
    // Formatted here, not in the route module: the homepage's JavaScript then carries no formatting code (its bundle budget).
    figures: {
      smokeFreeToday: formatNumber(counts.smokeFreeToday, locale),
      smokeFreeDaysTogether: formatNumber(counts.smokeFreeDaysTogether, locale),
    },
    articles: (row?.articles ?? []).map((a) => ({
      path: contentPath(a.kind, a.locale, a.slug),
      title: a.title,
      summary: a.summary,
      locale: a.locale,
      readingMinutes: a.readingMinutes,
    })),
    stories: storyPreviews(row?.stories ?? []).map((s) => ({
      id: s.id,
      excerpt: plainTextExcerpt(s.text, 180),
      authorName: s.authorName,
      smokeFreeDays: s.smokeFreeDays,
    })),
  };
}
