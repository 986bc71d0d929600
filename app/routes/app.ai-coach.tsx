import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AiCoachConsent, AiCoachThread, AskForm, ThreadList } from "~/components/ai-coach/ai-coach";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { db } from "#db/client.server";
import { orErrorPage } from "~/lib/http";
import { getFixedT } from "~/lib/i18n.server";
import { intent, typedAction } from "~/lib/typed-action";
import { isUuid } from "~/lib/uuid";
import {
  askQuestion,
  deleteAllThreads,
  deleteThread,
  giveConsent,
  rateAnswer,
  requestHumanCoach,
  retryAnswer,
  streamAnswer,
  withdrawConsent,
} from "~/modules/ai-coach/coach.server";
import { answerSchema, askSchema, consentSchema, handoffSchema, rateSchema, threadSchema } from "~/modules/ai-coach/forms";
import { aiCoachPage } from "~/modules/ai-coach/page.server";
import { coachProvider, providerLabel } from "~/modules/ai-coach/providers.server";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { resolveLocale } from "~/lib/i18n";

export const handle = { i18n: ["aiCoach", "pricing"] };

export const meta: MetaFunction = () => [{ title: "AI coach · QuitPath" }];

export const headers = () => ({ "Cache-Control": "private, no-store" });

async function guard(request: Request) {
  const { user, access } = await requireEntitlement(request, "ai-coach");
  const locale = resolveLocale(request, user.locale);
  return {
    member: { id: user.id, locale, timeZone: user.timeZone, displayName: user.displayName },
    limit: access ? access.limit("aiCoachMessagesPerDay") : 0,
  };
}

/** The AI coach (premium: ai-coach): the consent notice first, then threads; `?thread=<id>` opens one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { member, limit } = await guard(request);
  const asked = new URL(request.url).searchParams.get("thread");
  const threadId = isUuid(asked) ? asked : null;
  const page = await orErrorPage(aiCoachPage(db(), member, { locale: member.locale, threadId, limit }));
  return { ...page, threadId, locale: member.locale, timeZone: member.timeZone };
}

const threadUrl = (threadId: string) => `/app/ai-coach?thread=${threadId}`;

export const action = typedAction({
  guard: ({ request }) => guard(request),
  intents: ({ member, limit }) => ({
    consent: intent(consentSchema, async (input) => {
      await giveConsent(db(), member.id, providerLabel(), input);
      return redirect("/app/ai-coach");
    }),
    withdraw: intent(handoffSchema, async () => {
      await withdrawConsent(db(), member.id);
      return { withdrawn: true };
    }),
    ask: intent(askSchema, async (input, { request }) => {
      const asked = await askQuestion(db(), member, { threadId: input.threadId ?? null, question: input.question, limit });
      if (asked.outcome === "crisis") return redirect(threadUrl(asked.threadId));
      // With JavaScript the page streams the answer from /resources/ai-coach/answers/<id>; without, it is written now.
      if (input.stream) return { threadId: asked.threadId, answerId: asked.answerId };
      const fallback = getFixedT(member.locale)("aiCoach:message.fallback") as string;
      await streamAnswer(
        db(),
        member,
        asked.answerId,
        coachProvider(),
        fallback,
        { onText: () => {}, onReplace: () => {} },
        request.signal,
      );
      return redirect(threadUrl(asked.threadId));
    }),
    retry: intent(answerSchema, async (input, { request }) => {
      const { threadId } = await retryAnswer(db(), member.id, input.answerId);
      const fallback = getFixedT(member.locale)("aiCoach:message.fallback") as string;
      await streamAnswer(
        db(),
        member,
        input.answerId,
        coachProvider(),
        fallback,
        { onText: () => {}, onReplace: () => {} },
        request.signal,
      );
      return redirect(threadUrl(threadId));
    }),
    rate: intent(rateSchema, async (input) => {
      const { handoff } = await rateAnswer(db(), member.id, input.answerId, input.rating);
      return { rated: input.answerId, handoff };
    }),
    "delete-thread": intent(threadSchema, async (input) => {
      await deleteThread(db(), member.id, input.threadId);
      return redirect("/app/ai-coach");
    }),
    "delete-all": intent(handoffSchema, async () => {
      await deleteAllThreads(db(), member.id);
      return redirect("/app/ai-coach");
    }),
    handoff: intent(handoffSchema, async (input) => ({ handoff: await requestHumanCoach(db(), member.id, input.threadId ?? null) })),
  }),
});

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function AiCoachPage() {
  const { t } = useTranslation("aiCoach");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const providerNotice = data.provider === "offline" ? t("provider.offline") : t("provider.external", { host: data.provider });
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
        <p className="mt-2 rounded border border-sky-200 bg-sky-50 p-2 text-sm text-sky-900" data-testid="ai-provider">
          {providerNotice}
        </p>
      </header>
      {!data.consent ? (
        <AiCoachConsent provider={data.provider} answer={answer} withdrawn={answer?.intent === "withdraw" && answer.ok} />
      ) : (
        <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
          <ThreadList threads={data.threads} current={data.threadId} answer={answer} locale={data.locale} />
          <section className="space-y-4">
            <AiCoachThread messages={data.messages} resources={data.resources} answer={answer} locale={data.locale} />
            <AskForm
              key={data.threadId ?? "new"}
              threadId={data.threadId}
              quota={data.quota}
              answer={answer}
              hasMessages={data.messages.length > 0}
              consentGiven={data.consent.givenAt}
              locale={data.locale}
              timeZone={data.timeZone}
            />
          </section>
        </div>
      )}
    </div>
  );
}
