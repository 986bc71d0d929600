import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseNotes, GraduationForm, ProposalForm } from "~/components/coaching/member-panels";
import { Conversation } from "~/components/coaching/conversation";
import { ProposalSummary } from "~/components/coaching/proposal-summary";
import { RiskBadge, RiskReasons } from "~/components/coaching/risk-badge";
import { RememberedCharts, RememberedStreakFigures } from "~/components/journey/dashboard-figures";
import { PlanView } from "~/components/journey/plan-view";
import { formatLocalDate, taskValues } from "~/components/journey/plan-text";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { isUuid } from "~/lib/uuid";
import { coachingViewOf } from "~/modules/coaching/access.server";
import { conversationPanel } from "~/modules/coaching/chat.server";
import { coachChat } from "~/modules/coaching/conversations.server";
import { addCaseNote } from "~/modules/coaching/case-notes.server";
import { caseNoteSchema, graduationSchema } from "~/modules/coaching/forms";
import { graduateMember } from "~/modules/coaching/graduation.server";
import { coachMemberView } from "~/modules/coaching/member-view.server";
import { planChangesFrom, planProposalSchema } from "~/modules/coaching/plan-proposals";
import { proposePlanChange } from "~/modules/coaching/plan-proposals.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["caseload", "journey", "chat"] };

export const meta: MetaFunction = () => [{ title: "Member · QuitPath coach" }];

/** Coaches of this member and admins only; anyone else's member, or a coach removed a moment ago, is a 404. */
async function guard(request: Request, memberId: string | undefined) {
  const viewer = await requireRole(request, "coach");
  if (!isUuid(memberId)) throw new Response("Not found", { status: 404 });
  const assignment = await orErrorPage(coachingViewOf(db(), viewer, memberId));
  return { viewer, assignment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, assignment } = await guard(request, params.memberId);
  const locale = resolveLocale(request, viewer.locale);
  const view = await coachMemberView(db(), {
    viewer,
    coachId: assignment.coachId,
    memberId: assignment.memberId,
    locale,
    now: new Date(),
    period: new URL(request.url).searchParams.get("days"),
  });
  if (!view) throw new Response("Not found", { status: 404 });
  const isCoach = viewer.id === assignment.coachId;
  // The live chat is the coach's; an admin looking over the caseload sees when it last moved, not the messages.
  const chat = isCoach
    ? await conversationPanel(db(), await orErrorPage(coachChat(db(), viewer.id, assignment.memberId)), new URL(request.url))
    : null;
  return {
    chat,
    ...view,
    locale,
    timeZone: viewer.timeZone,
    isCoach,
    coachMayEditPlan: assignment.coachMayEditPlan,
  };
}

export const action = typedAction({
  guard: ({ request, params }) => guard(request, params.memberId),
  intents: ({ viewer, assignment }) => {
    const isCoach = viewer.id === assignment.coachId;
    return {
      "add-note": intent(caseNoteSchema, async ({ body }) => {
        await addCaseNote(db(), { memberId: assignment.memberId, authorId: viewer.id, body });
        return { messageKey: "caseload:notes.added", values: {} };
      }),
      "propose-plan": intent(
        planProposalSchema,
        async (input) => {
          const outcome = await proposePlanChange(db(), assignment, {
            changes: planChangesFrom(input),
            note: input.note ?? null,
            now: new Date(),
          });
          return outcome.applied
            ? { messageKey: "caseload:proposal.applied", values: { revision: outcome.revision ?? 0 } }
            : { messageKey: "caseload:proposal.sent", values: {} };
        },
        { allowed: isCoach },
      ),
      graduate: intent(
        graduationSchema,
        async ({ agreed, note }) => {
          await graduateMember(db(), { coachId: viewer.id, memberId: assignment.memberId, agreed, note: note ?? null, now: new Date() });
          return redirect("/coach");
        },
        { allowed: isCoach },
      ),
    };
  },
});

export default function CoachMemberPage() {
  const { t } = useTranslation(["caseload", "journey"]);
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const success = actionData?.ok && "messageKey" in actionData.result ? actionData.result : null;
  return (
    <div className="space-y-8">
      <Link to="/coach" className="text-sm text-emerald-800 underline">
        ← {t("caseload:member.back")}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{data.member.displayName}</h1>
        <RiskBadge level={data.risk.level} />
      </header>
      <SuccessMessage messageKey={success?.messageKey} values={success?.values} />

      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          <section aria-labelledby="risk-heading" className="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id="risk-heading" className="text-lg font-semibold">
              {t("caseload:risk.title")}
            </h2>
            <RiskReasons reasons={data.risk.reasons} withActions />
          </section>

          <section aria-labelledby="progress-heading" className="space-y-4">
            <h2 id="progress-heading" className="text-lg font-semibold">
              {t("caseload:member.progress")}
            </h2>
            {data.dashboard ? (
              <>
                {data.dashboard.beforeQuitDate ? (
                  <p>{t("caseload:member.notStarted", { date: formatLocalDate(data.dashboard.attempt.quitDate, data.locale) })}</p>
                ) : null}
                <div className="grid gap-4 md:grid-cols-3">
                  <RememberedStreakFigures figures={data.dashboard.streakFigures} />
                </div>
                <RememberedCharts figures={data.dashboard.charts} />
              </>
            ) : (
              <p>{t("caseload:member.noAttempt")}</p>
            )}
          </section>

          {data.plan ? (
            <section aria-labelledby="plan-heading" className="rounded-xl border border-slate-200 bg-white p-6">
              <h2 id="plan-heading" className="text-lg font-semibold">
                {t("caseload:member.plan")}
              </h2>
              <p className="mb-4 text-sm text-slate-700">{t("journey:plan.revision", { revision: data.planRevision })}</p>
              <PlanView plan={data.plan} locale={data.locale} slipStrategies={data.slips} />
            </section>
          ) : null}

          <section aria-labelledby="triggers-heading" className="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id="triggers-heading" className="text-lg font-semibold">
              {t("caseload:member.triggers")}
            </h2>
            {data.triggers.length === 0 ? (
              <p className="text-sm">{t("caseload:member.noTriggers")}</p>
            ) : (
              <ul className="flex flex-wrap gap-2 text-sm">
                {data.triggers.map((tr) => (
                  <li key={tr} className="rounded bg-slate-100 px-2 py-1">
                    {taskValues({ trigger: tr }, t, data.locale).trigger}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mt-4 font-semibold">{t("caseload:member.slips")}</h3>
            {data.slips.length === 0 ? (
              <p className="text-sm">{t("caseload:member.noSlips")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {data.slips.map((s, i) => (
                  <li key={i}>
                    {formatLocalDate(s.localDate, data.locale)}
                    {s.trigger ? ` · ${taskValues({ trigger: s.trigger }, t, data.locale).trigger}` : ""}
                    {s.whatHappened ? ` · ${s.whatHappened}` : ""}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mt-4 font-semibold">{t("caseload:member.attempts")}</h3>
            <ul className="space-y-1 text-sm">
              {data.history.map((h) => (
                <li key={h.id}>
                  {t("caseload:member.attemptLine", {
                    number: h.attemptNumber,
                    date: formatLocalDate(h.quitDate, data.locale),
                    status: t(`caseload:member.statuses.${h.status}`),
                    streak: h.longestStreakDays,
                  })}
                </li>
              ))}
            </ul>
          </section>

          {data.isCoach && data.plan ? (
            <ProposalForm
              answer={actionData}
              direct={data.coachMayEditPlan}
              currentTargets={data.plan.dailyTargets.map((d) => d.target)}
              triggers={data.triggers}
              revision={data.planRevision}
            />
          ) : null}
          {data.proposals.length > 0 ? (
            <section aria-labelledby="proposals-heading" className="rounded-xl border border-slate-200 bg-white p-6">
              <h2 id="proposals-heading" className="text-lg font-semibold">
                {t("caseload:proposal.history")}
              </h2>
              <ul className="mt-2 space-y-3">
                {data.proposals.map((p) => (
                  <li key={p.id} className="border-t border-slate-100 pt-2">
                    <p className="text-sm font-semibold">
                      {t(`caseload:proposal.statuses.${p.status}`)} · {formatDateTime(p.createdAt, data.locale, data.timeZone)}
                    </p>
                    <ProposalSummary changes={p.changes} note={p.note} locale={data.locale} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.isCoach && data.graduation.smokeFreeDays !== null ? (
            <GraduationForm answer={actionData} smokeFreeDays={data.graduation.smokeFreeDays} onFigures={data.graduation.onFigures} />
          ) : null}
        </div>

        <aside className="space-y-8">
          {data.chat ? (
            <Conversation {...data.chat} locale={data.locale} timeZone={data.timeZone} />
          ) : (
            <section aria-labelledby="chat-heading" className="rounded-xl border border-sky-200 bg-white p-6">
              <h2 id="chat-heading" className="text-lg font-semibold">
                {t("caseload:member.chat")}
              </h2>
              <p className="text-sm text-slate-700">
                {data.conversation.lastMessageAt
                  ? t("caseload:member.lastMessage", { when: formatDateTime(data.conversation.lastMessageAt, data.locale, data.timeZone) })
                  : t("caseload:member.noMessages")}
              </p>
              {data.conversation.unread > 0 ? (
                <p className="text-sm font-semibold text-sky-900">{t("caseload:member.unread", { count: data.conversation.unread })}</p>
              ) : null}
            </section>
          )}
          <CaseNotes notes={data.notes} answer={actionData} locale={data.locale} timeZone={data.timeZone} />
        </aside>
      </div>
    </div>
  );
}
