import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import type { Locale } from "#db/schema";
import { boundedCache } from "~/lib/cache";
import { formatNumber } from "~/lib/format";
import { getFixedT } from "~/lib/i18n.server";
import { plainTextExcerpt } from "~/modules/community/excerpt";
import { featuredStoriesJson, storyPreviews } from "~/modules/community/stories.server";
import { communityFiguresJson, type CommunityFigures } from "~/modules/journey/progress.server";
import { featuredArticlesJson, homepageHeroJson, type FeaturedArticle } from "./content.server";
import { contentPath, sectionPath } from "./paths";

const FIGURES_WINDOW_MS = 5 * 60_000;
// The figures scan every active attempt: once per five minutes per process is fresh enough for a homepage.
const figuresByWindow = boundedCache<number, CommunityFigures>("homepage-figures", 2);

type Blocks = {
  hero: { title: string; body: string } | null;
  articles: FeaturedArticle[];
  stories: unknown;
  figures?: CommunityFigures;
};

/**
 * The homepage's blocks: the hero editors wrote (if any), live figures from the journey, featured
 * articles (editors' "featured" flag) and featured stories. One statement reads them all, each block
 * as JSON of exactly what the page shows (no article or post body to parse); the figures ride along
 * only when this process has none for the current five minutes.
 */
export async function homepageBlocks(db: Database, locale: Locale, now = Date.now()) {
  const window = Math.floor(now / FIGURES_WINDOW_MS);
  const known = figuresByWindow.get(window);
  const [row] = await db.execute<Blocks>(sql`select ${homepageHeroJson(locale)} as hero, ${featuredArticlesJson(locale, 3)} as articles,
    ${featuredStoriesJson(3)} as stories${known ? sql`` : sql`, ${communityFiguresJson()} as figures`}`);
  const counts = known ?? row?.figures ?? { smokeFreeToday: 0, smokeFreeDaysTogether: 0 };
  if (!known) figuresByWindow.set(window, counts);
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
