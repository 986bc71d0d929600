import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BadgeIcon } from "~/components/badges/badge-icon";
import { db } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { sharedAward } from "~/modules/badges/badges.server";
import { getOptionalUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["badges"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const viewer = await getOptionalUser(request);
  const award = await sharedAward(db(), params.awardId ?? "", locale, { signedIn: viewer !== null });
  if (!award) throw new Response("Not found", { status: 404 });
  const t = getFixedT(locale);
  const who = award.memberName ?? t("badges:shareCard.anonymousMember");
  const pageUrl = `${appUrl()}/share/badge/${award.awardId}`;
  return data(
    {
      award,
      og: {
        title: t("badges:share.pageTitle", { name: who, badge: award.name }),
        description: t("badges:share.pageDescription", { milestone: award.milestone }),
        image: `${pageUrl}/image.png?lang=${locale}`,
        imageAlt: t("badges:share.imageAlt", { badge: award.name, milestone: award.milestone }),
        url: pageUrl,
      },
      who,
    },
    // A members-only share must never sit in a shared cache, where a signed-out visitor could be served it.
    { headers: { "Cache-Control": award.audience === "link" ? "public, no-cache" : "private, no-cache" } },
  );
}

// Making a share private must take effect at once: caches may store the page but must ask again every time.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "public, no-cache",
});

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "QuitPath" }];
  const { og } = data;
  return [
    { title: og.title },
    { name: "description", content: og.description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "QuitPath" },
    { property: "og:title", content: og.title },
    { property: "og:description", content: og.description },
    { property: "og:url", content: og.url },
    { property: "og:image", content: og.image },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: og.imageAlt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: og.title },
    { name: "twitter:description", content: og.description },
    { name: "twitter:image", content: og.image },
  ];
};

export default function SharedBadgePage() {
  const { t } = useTranslation();
  const { award, og, who } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <h1 className="text-2xl font-bold">{og.title}</h1>
      <img src={og.image} alt={og.imageAlt} width={1200} height={630} className="h-auto w-full rounded-xl border border-slate-200" />
      <div className="flex items-center gap-4">
        <BadgeIcon icon={award.icon} />
        <div>
          <p className="font-semibold">{who}</p>
          <p className="text-slate-700">{award.description}</p>
        </div>
      </div>
      <Link to="/signup" className="inline-block rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800">
        {t("badges:share.cta")}
      </Link>
    </section>
  );
}
