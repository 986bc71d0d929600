import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { resolveLocale } from "~/lib/i18n";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { db } from "#db/client.server";
import { homepageBlocks } from "~/modules/content/homepage.server";
import { useRootData } from "~/root";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["home"], hydrate: "signed-in" };

export async function loader({ request }: LoaderFunctionArgs) {
  return homepageBlocks(db(), resolveLocale(request));
}

export const headers = () => ({ "Cache-Control": CACHE_CONTROL.private, Vary: "Cookie, Accept-Language" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? "QuitPath" },
  { name: "description", content: data?.meta.description ?? "" },
  { property: "og:title", content: data?.meta.title ?? "QuitPath" },
  { property: "og:description", content: data?.meta.description ?? "" },
  { property: "og:type", content: "website" },
];

const steps = ["profile", "plan", "log", "support"] as const;

export default function HomePage() {
  const { t } = useTranslation("home");
  const { hubPath, hero, figures, articles, stories } = useLoaderData<typeof loader>();
  // A signed-in member is offered their dashboard, not sign-up and sign-in.
  const signedIn = Boolean(useRootData()?.user);
  return (
    <>
      <section className="bg-gradient-to-b from-emerald-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{hero?.title ?? t("hero.title")}</h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700">{hero?.body ?? t("hero.body")}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            {signedIn ? (
              <Link to="/app" className={buttonClass("primary")}>
                {t("hero.dashboard")}
              </Link>
            ) : (
              <>
                <Link to="/signup" className={buttonClass("primary")}>
                  {t("hero.cta")}
                </Link>
                <Link to="/login" className={buttonClass("secondary")}>
                  {t("hero.secondary")}
                </Link>
              </>
            )}
          </div>
        </div>
      </section>
      <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="how-heading" className="text-2xl font-bold">
          {t("how.title")}
        </h2>
        <ol className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step} className="rounded-xl border border-slate-200 bg-white p-5">
              <span
                className="inline-flex size-8 items-center justify-center rounded-full bg-emerald-700 font-bold text-white"
                aria-hidden="true"
              >
                {index + 1}
              </span>
              <h3 className="mt-3 font-semibold">{t(`how.steps.${step}.title`)}</h3>
              <p className="mt-2 text-sm text-slate-700">{t(`how.steps.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="figures-heading" className="bg-emerald-800 text-white">
        <div className="mx-auto max-w-6xl px-4 py-10">
          <h2 id="figures-heading" className="text-2xl font-bold">
            {t("figures.title")}
          </h2>
          <dl className="mt-4 grid gap-6 sm:grid-cols-2">
            <div>
              <dt className="text-emerald-100">{t("figures.smokeFreeToday")}</dt>
              <dd className="text-4xl font-bold">{figures.smokeFreeToday}</dd>
            </div>
            <div>
              <dt className="text-emerald-100">{t("figures.daysTogether")}</dt>
              <dd className="text-4xl font-bold">{figures.smokeFreeDaysTogether}</dd>
            </div>
          </dl>
        </div>
      </section>
      {articles.length > 0 ? (
        <section aria-labelledby="articles-heading" className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="articles-heading" className="text-2xl font-bold">
            {t("articles.title")}
          </h2>
          <ul className="mt-6 grid gap-6 md:grid-cols-3">
            {articles.map((a) => (
              <li key={a.path} className="rounded-xl border border-slate-200 bg-white p-5">
                <h3 className="font-semibold">
                  <Link to={a.path} hrefLang={a.locale} className="text-emerald-800 underline">
                    {a.title}
                  </Link>
                </h3>
                <p className="mt-2 text-sm text-slate-700">{a.summary}</p>
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <Link to={hubPath} className="font-medium text-emerald-800 underline">
              {t("articles.all")}
            </Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="stories-heading" className="mx-auto max-w-6xl px-4 pb-12">
        <h2 id="stories-heading" className="text-2xl font-bold">
          {t("stories.title")}
        </h2>
        {stories.length > 0 ? (
          <ul className="mt-6 grid gap-6 md:grid-cols-3">
            {stories.map((s) => (
              <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-5">
                <blockquote className="text-slate-800">{s.excerpt}</blockquote>
                <p className="mt-3 text-sm text-slate-700">
                  {s.authorName ?? t("stories.anonymous")}
                  {s.smokeFreeDays !== null ? ` · ${t("stories.days", { count: s.smokeFreeDays })}` : ""}
                </p>
                <Link to={`/stories/${s.id}`} className="mt-2 inline-block text-sm font-medium text-emerald-800 underline">
                  {t("stories.read")}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-4">
          <Link to="/stories" className="font-medium text-emerald-800 underline">
            {t("stories.all")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="facts-heading" className="mx-auto max-w-6xl px-4 pb-16">
        <h2 id="facts-heading" className="text-2xl font-bold">
          {t("facts.title")}
        </h2>
        <ul className="mt-4 space-y-2 text-slate-800">
          <li>{t("facts.twentyMinutes")}</li>
          <li>{t("facts.twelveHours")}</li>
          <li>{t("facts.oneYear")}</li>
        </ul>
        <p className="mt-3 text-sm text-slate-600">{t("facts.source")}</p>
      </section>
    </>
  );
}
