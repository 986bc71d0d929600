import type { Database } from "#db/client.server";
import type { Locale } from "#db/schema";
import { boundedCache } from "~/lib/cache";
import { formatNumber } from "~/lib/format";
import { getFixedT } from "~/lib/i18n.server";
import { plainTextExcerpt } from "~/modules/community/excerpt";
import { listPublicStories } from "~/modules/community/stories.server";
import { communityFigures, type CommunityFigures } from "~/modules/journey/progress.server";
import { contentVersion, homepageHero, publishedList } from "./content.server";
import { contentPath, sectionPath } from "./paths";

const FIGURES_WINDOW_MS = 5 * 60_000;
// The figures scan every active attempt: once per five minutes per process is fresh enough for a homepage.
const figuresByWindow = boundedCache<number, Promise<CommunityFigures>>("homepage-figures", 2);

// The hero and featured articles per language and content version (any save, publish or unpublish changes it).
const editorialByVersion = boundedCache<string, Promise<Editorial>>("homepage-editorial", 8);
type Editorial = { hero: Awaited<ReturnType<typeof homepageHero>>; articles: Awaited<ReturnType<typeof publishedList>> };

/** One cheap statement (the content version) instead of two queries and their JSON parsing on every visit. */
async function editorialBlocks(db: Database, locale: Locale): Promise<Editorial> {
  const key = `${locale}|${await contentVersion(db)}`;
  return editorialByVersion.getOrCreate(key, () => {
    const pending = Promise.all([
      homepageHero(db, locale),
      publishedList(db, ["article", "roadmap"], locale, { featured: true, limit: 3 }),
    ]).then(([hero, articles]) => ({ hero, articles }));
    pending.catch(() => editorialByVersion.delete(key));
    return pending;
  });
}

/** The homepage's blocks: the hero editors wrote (if any), live figures from the journey, featured articles (editors' "featured" flag) and featured stories. */
export async function homepageBlocks(db: Database, locale: Locale, now = Date.now()) {
  const window = Math.floor(now / FIGURES_WINDOW_MS);
  const figures = figuresByWindow.getOrCreate(window, () => {
    const pending = communityFigures(db);
    pending.catch(() => figuresByWindow.delete(window));
    return pending;
  });
  const [counts, { hero, articles }, stories] = await Promise.all([figures, editorialBlocks(db, locale), listPublicStories(db, 3)]);
  const t = getFixedT(locale);
  return {
    meta: { title: t("home:meta.title"), description: t("home:meta.description") },
    hubPath: sectionPath("/learn", locale),
    hero,
    // Formatted here, not in the route module: the homepage's JavaScript then carries no formatting code (its bundle budget).
    figures: {
      smokeFreeToday: formatNumber(counts.smokeFreeToday, locale),
      smokeFreeDaysTogether: formatNumber(counts.smokeFreeDaysTogether, locale),
    },
    articles: articles.map((a) => ({
      path: contentPath(a.kind, a.locale, a.slug),
      title: a.title,
      summary: a.summary,
      locale: a.locale,
      readingMinutes: a.readingMinutes,
    })),
    stories: stories.map((s) => ({
      id: s.id,
      excerpt: plainTextExcerpt(s.body.text, 180),
      authorName: s.authorName,
      smokeFreeDays: s.smokeFreeDays,
    })),
  };
}
