import { getFormProps } from "@conform-to/react";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { db } from "#db/client.server";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { assignSchema, endSchema, reassignSchema } from "~/modules/coaching/admin-forms";
import {
  adminAssign,
  assignmentHistory,
  assignmentTarget,
  coachedMembers,
  endAssignment,
  memberIdForEmail,
  placeOpened,
  reassignMember,
  waitingMatchRequests,
} from "~/modules/coaching/assignments.server";
import { capacitySchema, reviewSchema } from "~/modules/coaching/profiles";
import { adminCoachList, reviewCoachProfile, setCoachCapacity } from "~/modules/coaching/profiles.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: ["coaching"] };

export const meta: MetaFunction = () => [{ title: "Coaches · Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const tz = admin.timeZone;
  const [coaches, members, waiting, target] = await Promise.all([
    adminCoachList(db()),
    coachedMembers(db()),
    waitingMatchRequests(db()),
    assignmentTarget(db()),
  ]);
  const history = await assignmentHistory(
    db(),
    members.map((m) => m.memberId),
  );
  return {
    target: {
      asked: target.asked,
      within24h: target.within24h,
      share: target.share === null ? null : formatNumber(target.share, locale, { style: "percent", maximumFractionDigits: 1 }),
      met: target.share === null ? null : target.share >= 0.95,
    },
    coaches,
    approvedCoaches: coaches.filter((c) => c.status === "approved").map((c) => ({ value: c.coachId, label: c.displayName })),
    members: members.map((m) => ({
      ...m,
      history: history
        .filter((h) => h.memberId === m.memberId)
        .map((h) => ({
          id: h.id,
          coachName: h.coachName,
          status: h.status,
          source: h.source,
          startedAt: formatDate(h.startedAt, locale, tz),
          endedAt: h.endedAt ? formatDate(h.endedAt, locale, tz) : null,
          endReason: h.endReason,
        })),
    })),
    waiting: waiting.map((w) => ({ ...w, createdAt: formatDateTime(w.createdAt, locale, tz) })),
  };
}

export const action = typedAction({
  guard: ({ request }) => requireRole(request, "admin"),
  intents: (admin) => ({
    review: intent(reviewSchema, async (input) => {
      await reviewCoachProfile(db(), admin.id, input);
      if (input.decision === "approve") await placeOpened();
      return { messageKey: input.decision === "approve" ? "coaching:admin.review.approved" : "coaching:admin.review.rejected" };
    }),
    capacity: intent(capacitySchema, async (input) => {
      const { raised } = await setCoachCapacity(db(), admin.id, input.coachId, input.capacity);
      if (raised) await placeOpened();
      return { messageKey: "coaching:admin.capacity.saved" };
    }),
    assign: intent(assignSchema, async (input) => {
      const memberId = await memberIdForEmail(db(), input.memberEmail);
      await adminAssign(db(), admin.id, { memberId, coachId: input.coachId, reason: input.reason });
      return { messageKey: "coaching:admin.assign.done" };
    }),
    reassign: intent(reassignSchema, async (input) => {
      const memberId = await memberIdForEmail(db(), input.memberEmail);
      await reassignMember(db(), admin.id, { memberId, coachId: input.coachId, reason: input.reason });
      return { messageKey: "coaching:admin.reassign.done" };
    }),
    end: intent(endSchema, async (input) => {
      const memberId = await memberIdForEmail(db(), input.memberEmail);
      await endAssignment(db(), admin.id, { memberId, reason: input.reason });
      return { messageKey: "coaching:admin.end.done" };
    }),
  }),
});

const th = "border-b border-slate-200 p-2";
const td = "border-b border-slate-100 p-2 align-top";

export default function AdminCoaches() {
  const { t } = useTranslation("coaching");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = data.coaches.filter((c) => c.status === "pending");
  return (
    <section className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
        <p className="mt-1 text-slate-700">{t("admin.intro")}</p>
      </div>
      <SuccessMessage messageKey={actionData?.ok ? actionData.result.messageKey : null} />

      <section aria-labelledby="target">
        <h2 id="target" className="text-xl font-semibold">
          {t("admin.target.title")}
        </h2>
        <p className="mt-1 text-slate-700">
          {data.target.share === null
            ? t("admin.target.none")
            : t("admin.target.figure", { share: data.target.share, within: data.target.within24h, asked: data.target.asked })}
        </p>
        {data.target.met !== null ? (
          <p className={data.target.met ? "text-emerald-800" : "text-amber-900"}>
            {data.target.met ? t("admin.target.met") : t("admin.target.missed")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="coaches">
        <h2 id="coaches" className="text-xl font-semibold">
          {t("admin.coaches.title")}
        </h2>
        {data.coaches.length === 0 ? <p className="mt-1 text-slate-700">{t("admin.coaches.empty")}</p> : null}
        <div className="overflow-x-auto">
          <table className="mt-2 w-full bg-white text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("admin.coaches.coach")}
                </th>
                <th scope="col" className={th}>
                  {t("admin.coaches.status")}
                </th>
                <th scope="col" className={th}>
                  {t("admin.coaches.load")}
                </th>
                <th scope="col" className={th}>
                  {t("admin.coaches.actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.coaches.map((coach) => (
                <tr key={coach.coachId}>
                  <td className={td}>
                    <span className="font-medium">{coach.displayName}</span>
                    <span className="block text-slate-600">{coach.email}</span>
                    {coach.headline ? <span className="block text-slate-700">{coach.headline}</span> : null}
                  </td>
                  <td className={td}>
                    {t(`status.${coach.status}`)}
                    {coach.reviewNote ? <span className="block text-slate-600">{coach.reviewNote}</span> : null}
                  </td>
                  <td className={td}>{t("admin.coaches.loadValue", { active: coach.activeMembers, capacity: coach.capacity })}</td>
                  <td className={td}>
                    {coach.status === "pending" ? (
                      <ButtonForm
                        answer={actionData}
                        intent="review"
                        values={{ coachId: coach.coachId, decision: "approve" }}
                        label={t("admin.review.approveNamed", { name: coach.displayName })}
                      >
                        {t("admin.review.approve")}
                      </ButtonForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-6 grid gap-8 md:grid-cols-2">
          {pending.length > 0 ? <RejectForm pending={pending.map((c) => ({ value: c.coachId, label: c.displayName }))} /> : null}
          <CapacityForm coaches={data.coaches.map((c) => ({ value: c.coachId, label: c.displayName }))} />
        </div>
      </section>

      <section aria-labelledby="assignments" className="grid gap-8 md:grid-cols-3">
        <h2 id="assignments" className="text-xl font-semibold md:col-span-3">
          {t("admin.assignments.title")}
        </h2>
        <MemberForm intentName="assign" schema={assignSchema} coaches={data.approvedCoaches} />
        <MemberForm intentName="reassign" schema={reassignSchema} coaches={data.approvedCoaches} />
        <MemberForm intentName="end" schema={endSchema} coaches={null} />
      </section>

      <section aria-labelledby="history">
        <h2 id="history" className="text-xl font-semibold">
          {t("admin.history.title")}
        </h2>
        {data.members.length === 0 ? <p className="mt-1 text-slate-700">{t("admin.history.empty")}</p> : null}
        <ul className="mt-2 space-y-3">
          {data.members.map((member) => (
            <li key={member.memberId} className="rounded-lg border border-slate-200 bg-white p-3">
              <p className="font-medium">
                {member.displayName} <span className="text-slate-600">&lt;{member.email}&gt;</span>
              </p>
              <p className="text-sm text-slate-700">
                {member.coachName ? t("admin.history.current", { coach: member.coachName }) : t("admin.history.noCoach")}
              </p>
              <ol className="mt-1 space-y-1 text-sm">
                {member.history.map((h) => (
                  <li key={h.id}>
                    {t("admin.history.row", { coach: h.coachName, from: h.startedAt, to: h.endedAt ?? t("admin.history.now") })} ·{" "}
                    {t(`assignmentStatus.${h.status}`)} · {t(`source.${h.source}`)}
                    {h.endReason ? <span className="text-slate-600"> · {h.endReason}</span> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="waiting">
        <h2 id="waiting" className="text-xl font-semibold">
          {t("admin.waiting.title")}
        </h2>
        {data.waiting.length === 0 ? <p className="mt-1 text-slate-700">{t("admin.waiting.empty")}</p> : null}
        <ul className="mt-2 space-y-2">
          {data.waiting.map((w) => (
            <li key={w.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <p className="font-medium">
                {w.memberName} <span className="text-slate-600">&lt;{w.email}&gt;</span> · {w.createdAt}
              </p>
              <p>
                {w.languages.map((l) => t(`common:languages.${l}`)).join(", ")}
                {w.specialties.length > 0 ? ` · ${w.specialties.map((s) => t(`specialties.${s}`)).join(", ")}` : ""}
              </p>
              {w.note ? <p className="whitespace-pre-line text-slate-700">{w.note}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function RejectForm({ pending }: { pending: { value: string; label: string }[] }) {
  const { t } = useTranslation("coaching");
  const [form, fields] = useIntentForm({
    answer: useActionData<typeof action>(),
    intent: "review",
    id: "reject",
    schema: reviewSchema,
    match: { decision: "reject" },
    defaultValue: { coachId: pending[0]?.value, decision: "reject" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t("admin.review.rejectTitle")}</h3>
      <input type="hidden" name="decision" value="reject" />
      <SelectField field={fields.coachId} label={t("admin.coaches.coach")} options={pending} />
      <TextareaField field={fields.note} label={t("admin.review.note")} hint={t("admin.review.noteHint")} rows={3} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="review" variant="secondary">
        {t("admin.review.reject")}
      </IntentButton>
    </Form>
  );
}

function CapacityForm({ coaches }: { coaches: { value: string; label: string }[] }) {
  const { t } = useTranslation("coaching");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: "capacity", schema: capacitySchema });
  if (coaches.length === 0) return null;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t("admin.capacity.title")}</h3>
      <SelectField field={fields.coachId} label={t("admin.coaches.coach")} options={coaches} />
      <Field field={fields.capacity} type="number" min={0} max={1000} label={t("admin.capacity.label")} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent="capacity">{t("admin.capacity.save")}</IntentButton>
    </Form>
  );
}

function MemberForm({
  intentName,
  schema,
  coaches,
}: {
  intentName: "assign" | "reassign" | "end";
  schema: z.ZodTypeAny;
  coaches: { value: string; label: string }[] | null;
}) {
  const { t } = useTranslation("coaching");
  const [form, fields] = useIntentForm({ answer: useActionData<typeof action>(), intent: intentName, schema });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t(`admin.${intentName}.title`)}</h3>
      <Field field={fields.memberEmail!} type="email" label={t("admin.assignments.memberEmail")} />
      {coaches ? <SelectField field={fields.coachId!} label={t("admin.coaches.coach")} options={coaches} /> : null}
      <TextareaField
        field={fields.reason!}
        label={intentName === "assign" ? t("admin.assignments.reasonOptional") : t("admin.assignments.reason")}
        rows={2}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <IntentButton intent={intentName} variant={intentName === "end" ? "danger" : "primary"}>
        {t(`admin.${intentName}.submit`)}
      </IntentButton>
    </Form>
  );
}
