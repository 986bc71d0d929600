import { type TFunction } from "i18next";
import { type AppLocale } from "~/lib/i18n";

export const THEME_COLOUR = "#047857";

/** The home-screen icons in public/icons (drawn by scripts/app-icons.mjs). */
export const APP_ICONS = [
  { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
  { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
  { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
] as const;

/** The web app manifest in the member's language: what a phone shows when QuitPath is on its home screen. */
export function appManifest(locale: AppLocale, t: TFunction) {
  const shortcut = (name: string, url: string) => ({ name, short_name: name, url, icons: [{ src: APP_ICONS[0].src, sizes: "192x192" }] });
  return {
    id: "/app",
    name: t("phoneApp:manifest.name"),
    short_name: t("phoneApp:manifest.shortName"),
    description: t("phoneApp:manifest.description"),
    lang: locale,
    dir: "ltr",
    start_url: "/app",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f8fafc",
    theme_color: THEME_COLOUR,
    categories: ["health", "lifestyle"],
    icons: APP_ICONS,
    shortcuts: [
      shortcut(t("phoneApp:manifest.checkIn"), "/app?shortcut=check-in"),
      shortcut(t("phoneApp:manifest.logCraving"), "/app/craving"),
      shortcut(t("phoneApp:manifest.talkToCoach"), "/app/coach"),
    ],
  };
}
