import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProposalForm } from "~/components/coaching/member-panels";
import { RiskBadge, RiskReasons } from "~/components/coaching/risk-badge";
import { RememberedStreakFigures } from "~/components/journey/dashboard-figures";
import { CallPage } from "~/components/sessions/call-page";
import { FormErrors, TextareaField } from "~/components/ui/field";
import { IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { coachAssignmentOf } from "~/modules/coaching/access.server";
import { coachMemberView } from "~/modules/coaching/member-view.server";
import { planChangesFrom, planProposalSchema } from "~/modules/coaching/plan-proposals";
import { proposePlanChange } from "~/modules/coaching/plan-proposals.server";
import { requireRole } from "~/modules/identity/auth.server";
import { sessionNoteSchema } from "~/modules/sessions/call";
import { callAccess } from "~/modules/sessions/call.server";
import { callPage } from "~/modules/sessions/call-page.server";
import { saveSessionNote } from "~/modules/sessions/notes.server";

export const handle = { i18n: ["call", "chat", "caseload", "journey"] };

export const meta: MetaFunction = () => [{ title: "Video session · QuitPath coach" }];

/** The coach's side of the call: only the session's own coach (another coach's session is a 404). */
async function guard(request: Request, sessionId: string | undefined) {
  const coach = await requireRole(request, "coach");
  const call = await orErrorPage(callAccess(db(), coach.id, sessionId ?? "", new Date()));
  if (call.role !== "coach") throw new Response("Not found", { status: 404 }); // an admin or the member: not their side
  return { coach, call };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { coach, call } = await guard(request, params.sessionId);
  const locale = resolveLocale(request, coach.locale);
  const now = new Date();
  const page = await callPage(db(), call, { locale, timeZone: coach.timeZone }, new URL(request.url), now);
  // The member's figures while the coach still coaches them (the read goes to the member's access log).
  const member = await coachMemberView(db(), {
    viewer: coach,
    coachId: coach.id,
    memberId: call.session.memberId,
    locale,
    now,
    period: null,
  });
  return {
    call: page,
    locale,
    timeZone: coach.timeZone,
    note: call.session.coachNote ?? "",
    memberId: call.session.memberId,
    member: member
      ? {
          risk: member.risk,
          streakFigures: member.dashboard?.streakFigures ?? null,
          triggers: member.triggers,
          plan: member.plan ? { targets: member.plan.dailyTargets.map((d) => d.target), revision: member.planRevision } : null,
        }
      : null,
    coachMayEditPlan: member ? (await coachAssignmentOf(db(), coach.id, call.session.memberId)).coachMayEditPlan : false,
  };
}

export const action = typedAction({
  guard: ({ request, params }) => guard(request, params.sessionId),
  intents: ({ coach, call }) => ({
    "save-note": intent(sessionNoteSchema, async ({ note }) => {
      await saveSessionNote(db(), coach.id, call.session.id, note, new Date());
      return { messageKey: "call:note.saved", values: {} };
    }),
    "propose-plan": intent(planProposalSchema, async (input) => {
      const assignment = await coachAssignmentOf(db(), coach.id, call.session.memberId);
      const outcome = await proposePlanChange(db(), assignment, {
        changes: planChangesFrom(input),
        note: input.note ?? null,
        now: new Date(),
      });
      return outcome.applied
        ? { messageKey: "caseload:proposal.applied", values: { revision: outcome.revision ?? 0 } }
        : { messageKey: "caseload:proposal.sent", values: {} };
    }),
  }),
});

function SessionNote({ note, answer }: { note: string; answer: ReturnType<typeof useActionData<typeof action>> }) {
  const { t } = useTranslation("call");
  const [form, fields] = useIntentForm({ answer, intent: "save-note", schema: sessionNoteSchema, defaultValue: { note } });
  return (
    <section aria-labelledby="session-note-heading" className="rounded-xl border border-slate-300 bg-slate-50 p-4">
      <h2 id="session-note-heading" className="text-lg font-semibold">
        {t("note.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("note.private")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3" preventScrollReset>
        <TextareaField field={fields.note} label={t("note.label")} rows={4} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntentButton intent="save-note">{t("note.save")}</IntentButton>
      </Form>
    </section>
  );
}

export default function CoachCallPage() {
  const { t } = useTranslation(["call", "caseload"]);
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const success = answer?.ok ? answer.result : null;
  const member = data.member;
  return (
    <CallPage
      data={data.call}
      backHref="/coach/sessions"
      chatHref={`/coach/members/${data.memberId}`}
      locale={data.locale}
      timeZone={data.timeZone}
      beside={
        member ? (
          <section aria-labelledby="member-figures-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="member-figures-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
              {t("call:figures.title", { name: data.call.peerName })} <RiskBadge level={member.risk.level} />
            </h2>
            {member.streakFigures ? (
              <div className="grid gap-3">
                <RememberedStreakFigures figures={member.streakFigures} />
              </div>
            ) : (
              <p className="text-sm">{t("caseload:member.noAttempt")}</p>
            )}
            <RiskReasons reasons={member.risk.reasons} />
          </section>
        ) : null
      }
      below={
        <>
          <SuccessMessage messageKey={success?.messageKey} values={success?.values} />
          <SessionNote note={data.note} answer={answer} />
          {member?.plan ? (
            <ProposalForm
              answer={answer}
              direct={data.coachMayEditPlan}
              currentTargets={member.plan.targets}
              triggers={member.triggers}
              revision={member.plan.revision}
            />
          ) : null}
        </>
      }
    />
  );
}
