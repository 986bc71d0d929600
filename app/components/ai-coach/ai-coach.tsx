import { getFormProps } from "@conform-to/react";
import { Form, Link, useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, TextareaField } from "~/components/ui/field";
import { ButtonForm, IntentButton, useIntentForm } from "~/components/ui/form";
import { formatDate, formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { askSchema, consentSchema } from "~/modules/ai-coach/forms";
import { contentPath } from "~/modules/content/paths";

type Answer = { intent: string | null; ok: boolean; result?: unknown };
type Citation = { itemId: string; slug: string; sectionId: string; title: string; marker: string };
type Message = {
  id: string;
  role: "member" | "coach";
  kind: "question" | "answer" | "resources" | "fallback";
  status: "pending" | "streaming" | "complete" | "interrupted";
  body: string;
  citations: Citation[];
  rating: "helped" | "not-helped" | null;
};

export function AiCoachConsent({ provider, answer, withdrawn }: { provider: string; answer: Answer | undefined; withdrawn: boolean }) {
  const { t } = useTranslation("aiCoach");
  return (
    <section className="space-y-3 rounded border border-slate-200 p-4" aria-labelledby="ai-consent-title">
      {withdrawn ? <p className="rounded bg-amber-50 p-2 text-amber-900">{t("consent.withdrawn")}</p> : null}
      <h2 id="ai-consent-title" className="text-lg font-semibold">
        {t("consent.title")}
      </h2>
      <p>{t("consent.sees")}</p>
      <p>{t("consent.wrong")}</p>
      <p>{provider === "offline" ? t("consent.offline") : t("consent.external", { host: provider })}</p>
      <p>{t("consent.crisis")}</p>
      <ConsentForm answer={answer} />
    </section>
  );
}

function ConsentForm({ answer }: { answer: Answer | undefined }) {
  const { t } = useTranslation("aiCoach");
  const [form, fields] = useIntentForm({ answer, intent: "consent", schema: consentSchema });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <CheckboxField field={fields.shareWithCoach} label={t("consent.shareWithCoach")} hint={t("consent.shareWithCoachHint")} />
      <CheckboxField field={fields.shareForReview} label={t("consent.shareForReview")} hint={t("consent.shareForReviewHint")} />
      <IntentButton intent="consent">{t("consent.agree")}</IntentButton>
      <FormErrors id={form.errorId} errors={form.errors} />
    </Form>
  );
}

export function ThreadList({
  threads,
  current,
  answer,
  locale,
}: {
  threads: { id: string; title: string; updatedAt: Date | string }[];
  current: string | null;
  answer: Answer | undefined;
  locale: AppLocale;
}) {
  const { t } = useTranslation("aiCoach");
  return (
    <nav aria-labelledby="ai-threads-title" className="space-y-3">
      <h2 id="ai-threads-title" className="font-semibold">
        {t("threads.title")}
      </h2>
      <Link to="/app/ai-coach" className="text-sm underline">
        {t("ask.newThread")}
      </Link>
      {threads.length === 0 ? <p className="text-sm text-slate-600">{t("threads.empty")}</p> : null}
      <ul className="space-y-1">
        {threads.map((thread) => (
          <li key={thread.id}>
            <Link
              to={`/app/ai-coach?thread=${thread.id}`}
              aria-current={thread.id === current ? "page" : undefined}
              className={`block rounded px-2 py-1 text-sm ${thread.id === current ? "bg-slate-100 font-medium" : ""}`}
            >
              {thread.title}
              <span className="block text-xs text-slate-500">{formatDate(thread.updatedAt, locale, "UTC")}</span>
            </Link>
          </li>
        ))}
      </ul>
      {current ? (
        <ButtonForm answer={answer} intent="delete-thread" values={{ threadId: current }} variant="link">
          {t("threads.delete")}
        </ButtonForm>
      ) : null}
      {threads.length > 0 ? (
        <ButtonForm answer={answer} intent="delete-all" variant="link">
          {t("threads.deleteAll")}
        </ButtonForm>
      ) : null}
      <ButtonForm answer={answer} intent="withdraw" variant="link">
        {t("consent.withdraw")}
      </ButtonForm>
    </nav>
  );
}

/** An answer's text: paragraphs, with [p1]-style markers turned into links to the cited sections. */
function AnswerText({ body, citations, locale }: { body: string; citations: Citation[]; locale: AppLocale }) {
  const byMarker = new Map(citations.map((c) => [c.marker, c]));
  return (
    <div className="space-y-2">
      {body.split(/\n{2,}/).map((paragraph, i) => {
        const parts: ReactNode[] = [];
        let last = 0;
        for (const match of paragraph.matchAll(/\[(p\d+)\]/g)) {
          const cited = byMarker.get(match[1]!);
          parts.push(paragraph.slice(last, match.index));
          parts.push(
            cited ? (
              <Link key={match.index} to={`${contentPath("article", locale, cited.slug)}#${cited.sectionId}`} className="underline">
                [{cited.title}]
              </Link>
            ) : null,
          );
          last = (match.index ?? 0) + match[0].length;
        }
        parts.push(paragraph.slice(last));
        return <p key={i}>{parts}</p>;
      })}
    </div>
  );
}

function CrisisResources({ resources }: { resources: { label: string; contact: string }[] }) {
  const { t } = useTranslation("aiCoach");
  return (
    <div role="alert" className="space-y-2 rounded border-2 border-red-300 bg-red-50 p-4 text-red-950" data-testid="crisis-resources">
      <h3 className="font-semibold">{t("crisis.title")}</h3>
      <p>{t("crisis.body")}</p>
      <p className="font-medium">{t("crisis.emergency")}</p>
      <ul className="list-disc pl-5">
        {resources.map((r) => (
          <li key={r.contact}>
            {r.label}:{" "}
            {r.contact.startsWith("https://") ? (
              <a href={r.contact} className="underline" rel="noopener noreferrer">
                {r.contact}
              </a>
            ) : (
              <a href={`tel:${r.contact.replace(/\s+/g, "")}`} className="font-semibold underline">
                {r.contact}
              </a>
            )}
          </li>
        ))}
      </ul>
      <p>{t("crisis.told")}</p>
    </div>
  );
}

export function AiCoachThread({
  messages,
  resources,
  answer,
  locale,
}: {
  messages: Message[];
  resources: { label: string; contact: string }[];
  answer: Answer | undefined;
  locale: AppLocale;
}) {
  const { t } = useTranslation("aiCoach");
  const rated = answer?.intent === "rate" && answer.ok ? (answer.result as { rated: string }).rated : null;
  // A crisis reply comes before everything else on the page.
  const crisisLast = messages.at(-1)?.kind === "resources";
  return (
    <div className="space-y-3">
      {crisisLast ? <CrisisResources resources={resources} /> : null}
      <ol className="space-y-3" aria-label={t("threads.title")}>
        {messages.map((m) => (
          <li key={m.id} className={`rounded p-3 ${m.role === "member" ? "bg-slate-100" : "border border-slate-200"}`} data-kind={m.kind}>
            <p className="text-xs font-semibold text-slate-600">{m.role === "member" ? t("message.you") : t("message.coach")}</p>
            {m.kind === "resources" ? (
              crisisLast && m.id === messages.at(-1)?.id ? null : (
                <CrisisResources resources={resources} />
              )
            ) : m.role === "member" ? (
              <p className="whitespace-pre-wrap">{m.body}</p>
            ) : (
              <AnswerText body={m.body} citations={m.citations} locale={locale} />
            )}
            {m.status === "interrupted" || m.status === "pending" ? (
              <div className="mt-2 space-y-1" data-testid="answer-interrupted">
                <p className="text-sm text-amber-800">{t("message.interrupted")}</p>
                <ButtonForm answer={answer} intent="retry" values={{ answerId: m.id }} variant="secondary">
                  {t("message.retry")}
                </ButtonForm>
              </div>
            ) : null}
            {m.role === "coach" && m.kind !== "resources" && m.status === "complete" ? (
              rated === m.id || m.rating ? (
                <p className="mt-2 text-sm text-slate-600">{t("message.rated")}</p>
              ) : (
                <div className="mt-2 flex gap-2">
                  <ButtonForm answer={answer} intent="rate" values={{ answerId: m.id, rating: "helped" }} variant="secondary">
                    {t("message.helped")}
                  </ButtonForm>
                  <ButtonForm answer={answer} intent="rate" values={{ answerId: m.id, rating: "not-helped" }} variant="secondary">
                    {t("message.notHelped")}
                  </ButtonForm>
                </div>
              )
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

type Streamed = { text: string; done: boolean; failed: boolean };

/** Reads one answer's stream; a cut-off stream shows what arrived and sends the member to the retry state. */
function useAnswerStream(answerId: string | null, threadId: string | null): Streamed | null {
  const navigate = useNavigate();
  const [state, setState] = useState<Streamed | null>(null);
  useEffect(() => {
    if (!answerId || !threadId) return;
    setState({ text: "", done: false, failed: false });
    const source = new EventSource(`/resources/ai-coach/answers/${answerId}`);
    const finish = () => {
      source.close();
      navigate(`/app/ai-coach?thread=${threadId}`, { replace: true });
    };
    source.addEventListener("delta", (e) =>
      setState((s) => ({ text: (s?.text ?? "") + JSON.parse((e as MessageEvent<string>).data), done: false, failed: false })),
    );
    source.addEventListener("replace", (e) => setState({ text: JSON.parse((e as MessageEvent<string>).data), done: false, failed: false }));
    source.addEventListener("done", finish);
    source.onerror = finish;
    return () => source.close();
  }, [answerId, threadId, navigate]);
  return state;
}

export function AskForm({
  threadId,
  quota,
  answer,
  hasMessages,
  consentGiven,
  locale,
  timeZone,
}: {
  threadId: string | null;
  quota: { limit: number; left: number };
  answer: Answer | undefined;
  hasMessages: boolean;
  consentGiven: Date | string;
  locale: AppLocale;
  timeZone: string;
}) {
  const { t } = useTranslation("aiCoach");
  const fetcher = useFetcher<Answer>();
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const reply = fetcher.data ?? answer;
  const [form, fields] = useIntentForm({ answer: reply, intent: "ask", schema: askSchema });
  const started = reply?.intent === "ask" && reply.ok ? (reply.result as { answerId: string; threadId: string }) : null;
  const streamed = useAnswerStream(started?.answerId ?? null, started?.threadId ?? null);
  const suggestions = t(hasMessages ? "suggestions.later" : "suggestions.early", { returnObjects: true }) as string[];
  return (
    <div className="space-y-3">
      {streamed ? (
        <div className="rounded border border-slate-200 p-3" aria-live="polite" data-testid="streaming-answer">
          <p className="text-xs font-semibold text-slate-600">{t("message.coach")}</p>
          <p className="whitespace-pre-wrap">{streamed.text || t("ask.writing")}</p>
        </div>
      ) : null}
      {quota.left <= 0 ? (
        <p className="rounded bg-amber-50 p-2 text-amber-900">{t("quota.reached", { limit: quota.limit })}</p>
      ) : (
        <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2">
          {threadId ? <input type="hidden" name="threadId" value={threadId} /> : null}
          {scripted ? <input type="hidden" name="stream" value="1" /> : null}
          <TextareaField field={fields.question} label={t("ask.label")} rows={3} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="flex items-center gap-3">
            <IntentButton intent="ask" fetcher={fetcher} pendingLabel={t("ask.writing")}>
              {t("ask.submit")}
            </IntentButton>
            <span className="text-sm text-slate-600">{t("quota.left", { count: quota.left })}</span>
          </div>
        </fetcher.Form>
      )}
      {quota.left > 0 ? (
        <div>
          <h2 className="text-sm font-semibold">{t("suggestions.title")}</h2>
          <ul className="mt-1 flex flex-wrap gap-2">
            {suggestions.map((s) => (
              <li key={s}>
                <ButtonForm
                  answer={answer}
                  intent="ask"
                  values={threadId ? { question: s, threadId } : { question: s }}
                  variant="secondary"
                >
                  {s}
                </ButtonForm>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ButtonForm answer={answer} intent="handoff" values={threadId ? { threadId } : {}} variant="secondary">
        {t("handoff.talk")}
      </ButtonForm>
      <HandoffNotice answer={answer} locale={locale} timeZone={timeZone} />
      <p className="text-xs text-slate-500">{t("consent.given", { date: formatDate(consentGiven, locale, "UTC") })}</p>
    </div>
  );
}

type Handed = { coachName: string | null; dueAt: Date | string | null };

/** Who will answer and by when, after "Talk to my coach" or the ratings that handed the member over. */
function HandoffNotice({ answer, locale, timeZone }: { answer: Answer | undefined; locale: AppLocale; timeZone: string }) {
  const { t } = useTranslation("aiCoach");
  if (!answer?.ok || (answer.intent !== "handoff" && answer.intent !== "rate")) return null;
  const handoff = (answer.result as { handoff?: Handed | null }).handoff;
  if (!handoff) return null;
  const due = handoff.dueAt ? formatDateTime(new Date(handoff.dueAt).toISOString(), locale, timeZone) : null;
  return (
    <div
      className="rounded border border-emerald-200 bg-emerald-50 p-2 text-sm text-emerald-900"
      role="status"
      data-testid="handoff-notice"
    >
      {answer.intent === "rate" ? <p>{t("handoff.lowRatings")}</p> : null}
      <p>
        {handoff.coachName
          ? due
            ? t("handoff.sentCoachBy", { coach: handoff.coachName, due })
            : t("handoff.sentCoach", { coach: handoff.coachName })
          : t("handoff.sentTeam")}
      </p>
    </div>
  );
}
