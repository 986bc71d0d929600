import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { db } from "#db/client.server";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { resolveLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { listPublishedPackages } from "~/modules/billing/catalogue.server";
import { oneOffProvidersFor } from "~/modules/billing/checkout.server";
import { ProviderMark } from "~/components/billing/provider-mark";
import { Remembered } from "~/components/remembered";
import { comparePackages, currencyForLocale, savingsPercent } from "~/modules/billing/pricing";
import { getOptionalUser } from "~/modules/identity/auth.server";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["pricing"], hydrate: "signed-in" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = resolveLocale(request, user?.locale);
  const currency = user?.currency === "VND" || user?.currency === "USD" ? user.currency : currencyForLocale(locale);
  const published = await listPublishedPackages(db());
  const matrix = comparePackages(
    published.map((pkg) => ({
      slug: pkg.slug,
      name: { en: pkg.nameEn, vi: pkg.nameVi },
      description: { en: pkg.descriptionEn, vi: pkg.descriptionVi },
      prices: pkg.prices.map((p) => ({ currency: p.currency, amountMinor: p.amountMinor, period: p.period })),
      entitlements: pkg.entitlements,
    })),
    { locale, currency },
  );
  const priceIds = Object.fromEntries(published.flatMap((pkg) => pkg.prices.map((p) => [`${pkg.slug}/${p.currency}/${p.period}`, p.id])));
  // Only the ways to pay this server really offers for each price (card always; VNPay/MoMo where enabled and configured).
  const methods = Object.fromEntries(
    published.flatMap((pkg) => pkg.prices.map((p) => [p.id, ["card", ...oneOffProvidersFor(p)] as ("card" | "vnpay" | "momo")[]])),
  );
  const t = getFixedT(locale);
  const body = {
    matrix: {
      ...matrix,
      columns: matrix.columns.map((column) => {
        const monthly = column.prices.find((p) => p.period === "monthly");
        return {
          ...column,
          prices: column.prices.map((p) => ({
            ...p,
            id: priceIds[`${column.slug}/${p.currency}/${p.period}`]!,
            methods: methods[priceIds[`${column.slug}/${p.currency}/${p.period}`]!] ?? ["card"],
            savings: monthly ? savingsPercent(monthly.amountMinor, p) : 0,
          })),
        };
      }),
    },
    signedIn: Boolean(user),
    currency,
    meta: { title: t("pricing:title"), description: t("pricing:metaDescription") },
  };
  return data(body, {
    headers: { "Cache-Control": user ? CACHE_CONTROL.private : CACHE_CONTROL.publicPage, Vary: "Cookie, Accept-Language" },
  });
}

/** Cacheable for anonymous visitors; varies by language (cookie or Accept-Language). Signed-in pages stay private. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.meta.title ?? "Pricing"} · QuitPath` },
  { name: "description", content: data?.meta.description ?? "" },
  { property: "og:title", content: data?.meta.title ?? "Pricing" },
];

export default function PricingPage() {
  const { t } = useTranslation("pricing");
  const { matrix, signedIn, currency } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-12">
      <h1 className="text-3xl font-bold">{t("pricing:title")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("pricing:intro")}</p>
      <p className="mt-1 text-sm text-slate-600">{t("pricing:pricesIn", { currency })}</p>
      <div className="mt-8 grid gap-6 md:grid-cols-2">
        {matrix.columns.map((column) => (
          <article key={column.slug} className="rounded-xl border border-slate-200 bg-white p-6" aria-labelledby={`pkg-${column.slug}`}>
            <h2 id={`pkg-${column.slug}`} className="text-xl font-bold">
              {column.name}
            </h2>
            <p className="mt-2 text-slate-700">{column.description}</p>
            {column.isFree ? (
              <>
                <p className="mt-4 text-2xl font-bold">{t("pricing:free")}</p>
                <p className="text-sm text-slate-600">{t("pricing:basicAlwaysFree")}</p>
                {!signedIn ? (
                  <Link to="/signup" className={`${buttonClass("secondary")} mt-4`}>
                    {t("pricing:startFree")}
                  </Link>
                ) : null}
              </>
            ) : (
              <>
                {column.currency !== currency ? <p className="mt-2 text-sm text-amber-900">{t("pricing:currencyFallback")}</p> : null}
                <ul className="mt-4 space-y-3">
                  {column.prices.map((price) => (
                    <li key={price.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3">
                      <div>
                        <p className="font-semibold">{t(`pricing:perPeriod.${price.period}`, { amount: price.formatted })}</p>
                        <p className="text-sm text-slate-600">
                          {t(`pricing:billed.${price.period}`)}
                          {price.period !== "monthly"
                            ? ` · ${t("pricing:monthlyEquivalent", { amount: price.formattedMonthlyEquivalent })}`
                            : ""}
                          {price.savings > 0 ? ` · ${t("pricing:save", { percent: price.savings })}` : ""}
                        </p>
                        {price.methods.length > 1 ? (
                          <p className="mt-1 flex items-center gap-1 text-xs text-slate-600">
                            {t("oneOff.method.payWith")}
                            {price.methods.map((method) => (
                              <ProviderMark key={method} provider={method} />
                            ))}
                          </p>
                        ) : null}
                      </div>
                      <Form method="get" action="/app/billing/checkout">
                        <input type="hidden" name="price" value={price.id} />
                        <button
                          type="submit"
                          className={buttonClass("primary")}
                          aria-label={`${t("pricing:choose", { name: column.name })} — ${t(`pricing:periods.${price.period}`)}`}
                        >
                          {t("pricing:choose", { name: column.name })}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                <p className="mt-3 text-sm text-slate-600">{t("pricing:cancelAnyTime")}</p>
              </>
            )}
          </article>
        ))}
      </div>
      <h2 className="mt-12 text-2xl font-bold">{t("pricing:compareTitle")}</h2>
      <PackageComparison columns={matrix.columns.map(({ slug, name }) => ({ slug, name }))} rows={matrix.rows} />
      <p className="mt-4 text-sm text-slate-600">{t("pricing:taxNote")}</p>
    </div>
  );
}

type Comparison = Pick<ReturnType<typeof useLoaderData<typeof loader>>["matrix"], "rows"> & {
  columns: { slug: string; name: string }[];
};

/**
 * What each package includes, row by row. The same for every visitor of a language until a package
 * changes, so the server renders it once per language and matrix (`<Remembered>`), not once per request.
 */
function PackageComparison({ columns, rows }: Comparison) {
  return (
    <Remembered className="mt-4 overflow-x-auto" rememberAs={`pricing-comparison|${JSON.stringify([columns, rows])}`}>
      <ComparisonTable columns={columns} rows={rows} />
    </Remembered>
  );
}

function ComparisonTable({ columns, rows }: Comparison) {
  const { t } = useTranslation("pricing");
  return (
    <table className="w-full border-collapse bg-white text-left text-sm">
      <thead>
        <tr>
          <th scope="col" className="border-b border-slate-200 p-3">
            {t("pricing:featureColumn")}
          </th>
          {columns.map((column) => (
            <th key={column.slug} scope="col" className="border-b border-slate-200 p-3">
              {column.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="border-b border-slate-100 p-3 font-medium">
              {t(row.labelKey)}
              <span className="block text-xs font-normal text-slate-600">{t(row.descriptionKey)}</span>
            </th>
            {row.kind === "feature"
              ? row.cells.map((cell) => (
                  <td key={cell.slug} className="border-b border-slate-100 p-3">
                    {cell.included ? (
                      <span aria-label={t("pricing:included")}>✓</span>
                    ) : (
                      <span aria-label={t("pricing:notIncluded")}>—</span>
                    )}
                  </td>
                ))
              : row.cells.map((cell) => (
                  <td key={cell.slug} className="border-b border-slate-100 p-3">
                    {cell.value}
                  </td>
                ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
