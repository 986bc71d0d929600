import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { CACHE_CONTROL } from "~/lib/http";

export const handle = { i18n: ["home"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getFixedT(locale);
  return { meta: { title: t("home:meta.title"), description: t("home:meta.description") } };
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
  useLoaderData<typeof loader>();
  return (
    <>
      <section className="bg-gradient-to-b from-emerald-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{t("hero.title")}</h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700">{t("hero.body")}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link to="/signup" className={buttonClass("primary")}>
              {t("hero.cta")}
            </Link>
            <Link to="/login" className={buttonClass("secondary")}>
              {t("hero.secondary")}
            </Link>
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
