// Its own module, free of side effects, so a route that only sets headers ships none of ~/lib/http to the browser.
/** Named cache policies, so routes never spell out header strings. */
export const CACHE_CONTROL = {
  publicPage: "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
  /** Public content (hub, articles, blog, FAQ, site pages) for anonymous visitors: a CDN keeps it 10 minutes and may serve it stale for a day while it refetches. */
  publicContent: "public, max-age=60, s-maxage=600, stale-while-revalidate=86400",
  private: "private, no-store",
  /** May be kept, but asked again (ETag → 304) before each use: what shows it can change at any moment (a photo of a post a moderator hides). */
  publicRevalidate: "public, no-cache",
  privateRevalidate: "private, no-cache",
  immutable: "public, max-age=31536000, immutable",
  /** The web app manifest: browsers re-read it often; a day is short enough for a new icon or name. One URL per language (`?lang=`). */
  appManifest: "public, max-age=86400",
  /** The service worker script: always revalidated, so a new build reaches phones on their next visit. */
  serviceWorker: "no-cache",
} as const;
