import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import { IntentButton, submissionFor } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { requireRole } from "~/modules/identity/auth.server";
import { feedbackPage, respondToFeedback } from "~/modules/sessions/feedback.server";
// The lists are also rendered in the browser, so they come from the shared module, never a .server one.
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, type FeedbackCategory, type FeedbackStatus } from "~/modules/sessions/words";
import { respondSchema } from "~/modules/sessions/forms";
import { LOW_RATING } from "~/modules/sessions/ratings";
import { coachRatingTable, helpfulComments, helpfulSummary, recentRatings } from "~/modules/sessions/ratings.server";
import { contentTitles } from "~/modules/content/content.server";

export const handle = { i18n: ["sessions"] };

export const meta: MetaFunction = () => [{ title: "Feedback · QuitPath admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  const status = FEEDBACK_STATUSES.find((s) => s === url.searchParams.get("status"));
  const category = FEEDBACK_CATEGORIES.find((c) => c === url.searchParams.get("category"));
  const beforeAt = url.searchParams.get("beforeAt");
  const beforeId = url.searchParams.get("beforeId");
  const before =
    beforeAt && beforeId && /^[0-9a-f-]{36}$/i.test(beforeId) && !Number.isNaN(Date.parse(beforeAt))
      ? { createdAt: new Date(beforeAt), id: beforeId }
      : null;
  const [page, ratings, coaches, helpful, comments] = await Promise.all([
    feedbackPage(db(), { status, category, before }),
    recentRatings(db()),
    coachRatingTable(db()),
    helpfulSummary(db()),
    helpfulComments(db()),
  ]);
  const articleIds = [...helpful, ...comments].filter((h) => h.subject === "article").map((h) => h.subjectId);
  const titles = await contentTitles(db(), [...new Set(articleIds)], locale);
  const subjectOf = (h: { subject: string; subjectId: string }) => {
    const article = h.subject === "article" ? titles.get(h.subjectId) : undefined;
    return article
      ? { title: article.title, href: `/admin/content/${h.subjectId}` }
      : { title: `${h.subject}: ${h.subjectId}`, href: null };
  };
  const when = (d: Date) => formatDateTime(d, locale, admin.timeZone);
  return {
    filter: { status: status ?? "", category: category ?? "" },
    items: page.items.map((i) => ({ ...i, createdAt: when(i.createdAt), respondedAt: i.respondedAt ? when(i.respondedAt) : null })),
    next: page.next ? { beforeAt: page.next.createdAt.toISOString(), beforeId: page.next.id } : null,
    ratings: ratings.map((r) => ({ ...r, createdAt: when(r.createdAt), low: r.stars <= LOW_RATING })),
    coaches: coaches.map((c) => ({
      ...c,
      average: c.average === null ? null : formatNumber(c.average, locale, { maximumFractionDigits: 2 }),
    })),
    helpful: helpful.map((h) => ({
      ...h,
      ...subjectOf(h),
      share: formatNumber(h.answers ? h.helpful / h.answers : 0, locale, { style: "percent" }),
    })),
    comments: comments.map((c) => ({ ...c, ...subjectOf(c), updatedAt: when(c.updatedAt) })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    respond: intent(respondSchema, async ({ feedbackId, status, response }) => {
      await respondToFeedback(db(), admin.id, feedbackId, { status: status as FeedbackStatus, response });
      return { messageKey: "sessions:admin.saved" };
    }),
  }),
});

export default function AdminFeedbackPage() {
  const { t } = useTranslation();
  const { filter, items, next, ratings, coaches, helpful, comments } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const select = "mt-1 rounded-md border border-slate-300 px-2 py-1";
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold">{t("sessions:admin.title")}</h1>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:admin.ratings")}</h2>
        {ratings.length === 0 ? (
          <p className="text-slate-700">{t("sessions:admin.noRatings")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("sessions:admin.coach")}</th>
                <th scope="col">{t("sessions:admin.member")}</th>
                <th scope="col">{t("sessions:admin.stars")}</th>
                <th scope="col">{t("sessions:admin.comment")}</th>
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => (
                <tr
                  key={r.sessionId}
                  className={`border-t border-slate-100 ${r.low ? "bg-red-50" : ""}`}
                  data-low={r.low ? "true" : undefined}
                >
                  <td className="py-1">{r.coachName}</td>
                  <td>{r.memberName}</td>
                  <td>
                    {r.stars}
                    {r.low ? (
                      <span className="ml-2 rounded bg-red-700 px-1 text-xs font-semibold text-white">{t("sessions:admin.low")}</span>
                    ) : null}
                  </td>
                  <td className="whitespace-pre-wrap">{r.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:admin.coaches")}</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">{t("sessions:admin.coach")}</th>
              <th scope="col">{t("sessions:admin.average")}</th>
              <th scope="col">{t("sessions:admin.count")}</th>
            </tr>
          </thead>
          <tbody>
            {coaches.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="py-1">{c.name}</td>
                <td>{c.average ?? "–"}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("sessions:admin.helpful")}</h2>
        {helpful.length === 0 ? (
          <p className="text-slate-700">{t("sessions:admin.noHelpful")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("sessions:admin.subject")}</th>
                <th scope="col">{t("sessions:admin.answers")}</th>
                <th scope="col">{t("sessions:admin.helpfulShare")}</th>
                <th scope="col">{t("sessions:admin.comments")}</th>
              </tr>
            </thead>
            <tbody>
              {helpful.map((h) => (
                <tr key={`${h.subject}:${h.subjectId}`} className="border-t border-slate-100">
                  <td className="py-1">
                    {h.href ? (
                      <Link to={h.href} className="text-emerald-800 underline">
                        {h.title}
                      </Link>
                    ) : (
                      h.title
                    )}
                  </td>
                  <td>{h.answers}</td>
                  <td>{h.share}</td>
                  <td>{h.comments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {comments.length > 0 ? (
          <>
            <h3 className="mt-4 font-semibold">{t("sessions:admin.helpfulComments")}</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {comments.map((c) => (
                <li key={`${c.subjectId}:${c.updatedAt}:${c.comment}`} className="rounded-md border border-slate-200 p-2">
                  <p className="text-slate-700">
                    {c.title} · {c.helpful ? t("sessions:helpful.yes") : t("sessions:helpful.no")} · {c.updatedAt}
                  </p>
                  <p>{c.comment}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("sessions:admin.feedback")}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block">{t("sessions:admin.status")}</span>
            <select name="status" defaultValue={filter.status} className={select}>
              <option value="">{t("sessions:admin.all")}</option>
              {FEEDBACK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`sessions:feedback.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block">{t("sessions:admin.category")}</span>
            <select name="category" defaultValue={filter.category} className={select}>
              <option value="">{t("sessions:admin.all")}</option>
              {FEEDBACK_CATEGORIES.map((c: FeedbackCategory) => (
                <option key={c} value={c}>
                  {t(`sessions:feedback.categories.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm">
            {t("sessions:admin.filter")}
          </button>
        </Form>
        {items.length === 0 ? <p className="text-slate-700">{t("sessions:admin.empty")}</p> : null}
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {items.map((i) => {
            const errors = Object.values(submissionFor(answer, "respond", { feedbackId: i.id })?.error ?? {}).flat();
            return (
              <li key={i.id} className="space-y-2 p-3 text-sm" data-feedback={i.id}>
                <p className="text-slate-600">
                  {i.createdAt} · {t(`sessions:feedback.categories.${i.category}`)} · {t(`sessions:feedback.statuses.${i.status}`)} ·{" "}
                  {i.userId ? null : t("sessions:admin.visitor")}
                  {i.contact ? t("sessions:admin.contact", { contact: i.contact }) : null}
                </p>
                <p className="whitespace-pre-wrap">{i.message}</p>
                {i.response ? (
                  <p className="whitespace-pre-wrap font-medium">{t("sessions:feedback.answer", { response: i.response })}</p>
                ) : null}
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="feedbackId" value={i.id} />
                  <label className="grow">
                    <span className="block">{t("sessions:admin.response")}</span>
                    <textarea
                      name="response"
                      rows={2}
                      maxLength={5000}
                      className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1"
                    />
                  </label>
                  <label>
                    <span className="block">{t("sessions:admin.status")}</span>
                    <select name="status" defaultValue={i.status === "new" ? "answered" : i.status} className={select}>
                      {FEEDBACK_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`sessions:feedback.statuses.${s}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <IntentButton intent="respond" values={{ feedbackId: i.id }} variant="secondary">
                    {t("sessions:admin.save")}
                  </IntentButton>
                  <FormErrors id={`respond-${i.id}-error`} errors={errors} />
                </Form>
              </li>
            );
          })}
        </ul>
        {next ? (
          <Link to={`?${new URLSearchParams({ ...filter, ...next })}`} className="font-semibold text-emerald-800 underline">
            {t("sessions:admin.older")}
          </Link>
        ) : null}
      </section>
    </section>
  );
}
