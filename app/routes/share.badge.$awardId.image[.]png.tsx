import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { isLocale, resolveLocale } from "~/lib/i18n";
import { sharedAward } from "~/modules/badges/badges.server";
import { getOptionalUser } from "~/modules/identity/auth.server";
import { renderShareCardPng } from "~/modules/badges/share-card";

/** The Open Graph card as PNG. Cached for a day, not forever: making the badge private must take effect. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : resolveLocale(request);
  const viewer = await getOptionalUser(request);
  const award = await sharedAward(db(), params.awardId ?? "", locale, { signedIn: viewer !== null });
  if (!award) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const png = await renderShareCardPng({
    badgeName: award.name,
    milestone: award.milestone,
    memberName: award.memberName,
    locale,
    icon: award.icon,
  });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(png.length),
      "Cache-Control": award.audience === "link" ? "public, max-age=86400, stale-while-revalidate=604800" : "private, max-age=3600",
    },
  });
}
