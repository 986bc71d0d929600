import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs, ContentSections, JsonLd } from "~/components/content/content-parts";
import { HelpfulQuestion } from "~/components/content/helpful-question";
import { ReadBeacon } from "~/components/content/read-beacon";
import { RoadmapProgress, RoadmapStepTick } from "~/components/content/roadmap-steps";
import { db } from "#db/client.server";
import { formatDate } from "~/lib/format";
import { DomainError } from "~/lib/domain-error";
import { orErrorPage } from "~/lib/http";
import { publishedContent, translationForSlug } from "~/modules/content/content.server";
import { splitSections } from "~/modules/content/document";
import { contentLocaleParam, contentPath, sectionPath } from "~/modules/content/paths";
import { contentPageHeaders, publicContentHeaders } from "~/modules/content/public-cache.server";
import { renderSections } from "~/modules/content/render";
import { roadmapProgress, roadmapSteps, tickStepSchema } from "~/modules/content/roadmap";
import { doneRoadmapSteps, markRoadmapStep } from "~/modules/content/roadmap-progress.server";
import { articleLd, articleMeta, breadcrumbLd, serializeJsonLd } from "~/modules/content/seo";
import { alternatesOf } from "~/modules/content/views";
import { getFixedT } from "~/lib/i18n.server";
import { intent, typedAction } from "~/lib/typed-action";
import { getOptionalUser, requireUser } from "~/modules/identity/auth.server";
import { helpfulSchema } from "~/modules/sessions/helpful";
import { answerHelpful, helpfulAnswers } from "~/modules/sessions/ratings.server";

/** Complete as HTML: anonymous visitors get it without the app's JavaScript (root.tsx). */
export const handle = { i18n: ["content"], hydrate: "signed-in" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = contentLocaleParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  const item = await publishedContent(db(), ["article", "roadmap"], locale, params.slug ?? "").catch(async (error) => {
    const other = await translationForSlug(db(), ["article", "roadmap"], locale, params.slug ?? "");
    if (other) throw redirect(contentPath("article", other.locale, other.slug));
    return orErrorPage(Promise.reject(error));
  });
  const origin = new URL(request.url).origin;
  const path = contentPath(item.kind, locale, item.slug);
  const t = getFixedT(locale);
  const trail = [
    { name: t("content:hub.title"), path: sectionPath("/learn", locale) },
    ...(item.topic ? [{ name: t(`content:topics.${item.topic}`), path: `${sectionPath("/learn", locale)}?topic=${item.topic}` }] : []),
    { name: item.title, path },
  ];
  const headers = await publicContentHeaders(request, context, ["learn", item.id, item.revision, item.updatedAt, locale]);
  const user = await getOptionalUser(request);
  const sections = splitSections(item.markdown);
  const [previous, done] = await Promise.all([
    user ? helpfulAnswers(db(), user.id, "article", [item.id]).then((answers) => answers.get(item.id) ?? null) : null,
    user && item.kind === "roadmap" ? doneRoadmapSteps(db(), user.id, item.id) : new Set<string>(),
  ]);
  const steps = item.kind === "roadmap" ? roadmapSteps(sections) : [];
  return data(
    {
      articleId: item.id,
      previous,
      locale,
      origin,
      path,
      kind: item.kind,
      title: item.title,
      summary: item.summary,
      readingMinutes: item.readingMinutes,
      reviewedOn: item.reviewedOn,
      reviewerName: item.reviewerName,
      medical: item.medical,
      sources: item.sources,
      trail,
      alternates: alternatesOf(item),
      sections: renderSections(sections),
      roadmap:
        item.kind === "roadmap"
          ? { signedIn: Boolean(user), doneSteps: steps.filter((s) => done.has(s.id)).map((s) => s.id), ...roadmapProgress(steps, done) }
          : null,
      jsonLd: serializeJsonLd([
        articleLd({
          origin,
          path,
          locale,
          headline: item.title,
          description: item.summary,
          publishedAt: item.publishedAt,
          modifiedAt: item.updatedAt,
          authorName: item.authorName,
          reviewedOn: item.reviewedOn,
          reviewerName: item.reviewerName,
          sources: item.sources,
          kind: "Article",
        }),
        breadcrumbLd(origin, trail),
      ]),
    },
    { headers },
  );
}

export const headers: HeadersFunction = contentPageHeaders;

export const action = typedAction({
  // A visitor is asked to sign in first; an unpublished or unknown article is a 404 whatever the form holds.
  guard: async ({ request, params }) => {
    const user = await requireUser(request);
    const locale = contentLocaleParam(params.lang);
    if (!locale) throw new Response("Not found", { status: 404 });
    const item = await orErrorPage(publishedContent(db(), ["article", "roadmap"], locale, params.slug ?? ""));
    return { user, item };
  },
  intents: ({ user, item }) => ({
    helpful: intent(helpfulSchema, async (input) => {
      await answerHelpful(db(), user.id, {
        subject: "article",
        subjectId: item.id,
        helpful: input.answer === "yes",
        comment: input.comment ?? "",
      });
      return { answered: true };
    }),
    "tick-step": intent(tickStepSchema, async (input) => {
      if (item.kind !== "roadmap") throw new DomainError("not-found", "content:errors.noSuchStep");
      const steps = roadmapSteps(splitSections(item.markdown));
      await markRoadmapStep(db(), user.id, { id: item.id, steps }, input.step, input.done === "yes");
      return { step: input.step, done: input.done === "yes" };
    }),
  }),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => articleMeta(data);

export default function ArticlePage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["content", "common"]);
  const other = page.alternates.find((a) => a.locale !== page.locale);
  const headings = page.sections.filter((s) => s.heading && s.level === 2);
  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <ReadBeacon articleId={page.articleId} />
      <Breadcrumbs trail={page.trail} />
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{page.title}</h1>
        <p className="text-lg text-slate-700">{page.summary}</p>
        <p className="text-sm text-slate-700">
          {t("content:hub.minutes", { count: page.readingMinutes })}
          {page.reviewedOn ? (
            <>
              {" · "}
              {page.reviewerName
                ? t("content:article.reviewed", { date: formatDate(page.reviewedOn, page.locale, "UTC"), reviewer: page.reviewerName })
                : t("content:article.reviewedNoName", { date: formatDate(page.reviewedOn, page.locale, "UTC") })}
            </>
          ) : null}
        </p>
        {other ? (
          <p className="text-sm">
            <a href={other.path} hrefLang={other.locale} lang={other.locale} className="text-emerald-800 underline">
              {t("content:article.alsoIn", { language: t(`common:languages.${other.locale}`) })}
            </a>
          </p>
        ) : null}
      </header>
      {headings.length > 2 ? (
        <nav aria-labelledby="toc-heading" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="toc-heading" className="font-semibold">
            {t("content:article.onThisPage")}
          </h2>
          <ul className="mt-2 space-y-1">
            {headings.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className="text-emerald-800 underline">
                  {s.heading}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {page.roadmap ? <RoadmapProgress roadmap={page.roadmap} /> : null}
      <ContentSections
        sections={page.sections}
        numbered={page.kind === "roadmap"}
        stepFooter={
          page.roadmap?.signedIn
            ? (id) => <RoadmapStepTick step={id} done={page.roadmap!.doneSteps.includes(id)} answer={answer} />
            : undefined
        }
      />
      {page.sources.length > 0 ? (
        <section aria-labelledby="sources-heading" className="border-t border-slate-200 pt-6">
          <h2 id="sources-heading" className="text-xl font-bold">
            {t("content:article.sources")}
          </h2>
          <ol className="mt-3 list-decimal space-y-2 pl-6 text-slate-800">
            {page.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} rel="noopener" className="text-emerald-800 underline">
                  {s.title}
                </a>
                . {s.publisher}, {s.year}.
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {page.medical ? <p className="rounded-lg bg-slate-100 p-4 text-sm text-slate-700">{t("content:article.disclaimer")}</p> : null}
      <HelpfulQuestion answer={answer?.intent === "tick-step" ? undefined : answer} previous={page.previous} />
      <JsonLd json={page.jsonLd} />
    </article>
  );
}
