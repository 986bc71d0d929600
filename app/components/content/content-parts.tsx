import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RenderedSection } from "~/modules/content/render";
import { textLinkClass } from "~/components/ui/button";

/** JSON-LD in the page body; the text was escaped by serializeJsonLd so it cannot end the element. */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}

/** An article's sections, each addressable by its id (`#withdrawal-timeline`). HTML comes from the content renderer. */
export function ContentSections({
  sections,
  numbered = false,
  stepFooter,
}: {
  sections: readonly RenderedSection[];
  numbered?: boolean;
  /** Under each numbered step (a roadmap's tick-off button). */
  stepFooter?: (sectionId: string) => ReactNode;
}) {
  const { t } = useTranslation("content");
  let step = 0;
  return (
    <div className="space-y-8">
      {sections.map((section) => {
        const Heading = section.level === 2 ? "h2" : "h3";
        if (section.heading && numbered && section.level === 2) step++;
        return (
          <section
            key={section.id}
            id={section.id}
            aria-labelledby={section.heading ? `${section.id}-h` : undefined}
            className="scroll-mt-4"
          >
            {section.heading ? (
              <Heading id={`${section.id}-h`} className={section.level === 2 ? "mb-3 text-2xl font-bold" : "mb-2 text-xl font-semibold"}>
                {numbered && section.level === 2 ? (
                  <span className="mr-2 text-emerald-800">{t("article.step", { number: step })}</span>
                ) : null}
                {section.heading}
              </Heading>
            ) : null}
            <div className="content-body" dangerouslySetInnerHTML={{ __html: section.html }} />
            {stepFooter && numbered && section.heading && section.level === 2 ? stepFooter(section.id) : null}
          </section>
        );
      })}
    </div>
  );
}

export function Breadcrumbs({ trail }: { trail: readonly { name: string; path: string }[] }) {
  const { t } = useTranslation("content");
  return (
    <nav aria-label={t("hub.breadcrumb")} className="text-sm text-slate-700">
      <ol className="flex flex-wrap gap-1">
        {trail.map((step, i) => (
          <li key={step.path}>
            {i < trail.length - 1 ? (
              <>
                <a href={step.path} className="text-emerald-800 underline">
                  {step.name}
                </a>
                <span aria-hidden="true"> / </span>
              </>
            ) : (
              <span aria-current="page">{step.name}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export type ContentCardView = { path: string; title: string; summary: string; readingMinutes: number; locale: string; pageLocale: string };

/** `level`: the card's heading level, one below the list's own heading (a list right under the page's h1: 2). */
export function ContentCard({ card, level = 3 }: { card: ContentCardView; level?: 2 | 3 }) {
  const { t } = useTranslation(["content", "common"]);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <li className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-5" lang={card.locale}>
      <Heading className="text-lg font-semibold">
        <a href={card.path} className={`${textLinkClass} text-emerald-900 hover:underline`}>
          {card.title}
        </a>
      </Heading>
      <p className="text-slate-700">{card.summary}</p>
      <p className="mt-auto text-sm text-slate-600">
        {t("content:hub.minutes", { count: card.readingMinutes })}
        {card.locale !== card.pageLocale ? ` · ${t("content:hub.onlyIn", { language: t(`common:languages.${card.locale}`) })}` : null}
      </p>
    </li>
  );
}
