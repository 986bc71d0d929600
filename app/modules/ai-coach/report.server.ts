import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { aiCoachConsents, aiCoachEvalRuns, aiCoachMessages } from "#db/schema";
import type { Database } from "#db/client.server";
import { estimateCost } from "./cost";
import { coachProvider, configuredPrice, providerLabel } from "./providers.server";

export const REPORT_DAYS = 14;
export const WORST_ANSWERS = 20;

export type EvalRun = { provider: string; model: string; cases: number; passed: number; ranAt: Date };

/** Stores one run of the evaluation set (the bench and the eval test record theirs). */
export async function recordEvalRun(db: Database, run: Omit<EvalRun, "ranAt">): Promise<void> {
  await db.insert(aiCoachEvalRuns).values(run);
}

type DayRow = { day: string; questions: number; refused: number; members: number; limited: number };
type CountRow = { key: string; n: number };
type AnswerRow = {
  provider: string | null;
  model: string | null;
  answers: number;
  fallbacks: number;
  interrupted: number;
  p50: number | null;
  p95: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
};

/**
 * /admin/ai-coach: usage and quota hits per day, safety outcomes, handoffs, ratings, answers per
 * provider with latency, tokens and estimated cost, the last evaluation run, and the latest answers rated down.
 * Those show their text only for members whose live consent lets the team review them; for the
 * others only what the answer was (provider, sources, guardrail), never the words.
 */
export async function aiCoachReport(db: Database, now = new Date(), days = REPORT_DAYS) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const sinceDay = since.toISOString().slice(0, 10);
  const at = since.toISOString();
  const [usage, safety, handoffs, ratings, answers, evalRun, worst] = await Promise.all([
    db.execute<DayRow>(sql`
      select day::text as day, sum(questions)::int as questions, sum(refused)::int as refused,
        count(*) filter (where questions > 0)::int as members, count(*) filter (where refused > 0)::int as limited
      from ai_coach_usage where day >= ${sinceDay}::date group by day order by day desc`),
    db.execute<CountRow>(sql`
      select level as key, count(*)::int as n from ai_coach_safety_events where created_at >= ${at}::timestamptz group by level`),
    db.execute<CountRow & { open: number }>(sql`
      select reason::text as key, count(*)::int as n, count(*) filter (where status = 'open')::int as open
      from ai_coach_handoffs where created_at >= ${at}::timestamptz group by reason`),
    db.execute<CountRow>(sql`
      select rating::text as key, count(*)::int as n from ai_coach_messages
      where role = 'coach' and rating is not null and created_at >= ${at}::timestamptz group by rating`),
    db.execute<AnswerRow>(sql`
      select provider, model, count(*)::int as answers,
        count(*) filter (where kind = 'fallback')::int as fallbacks,
        count(*) filter (where status = 'interrupted')::int as interrupted,
        percentile_cont(0.5) within group (order by latency_ms) as p50,
        percentile_cont(0.95) within group (order by latency_ms) as p95,
        sum(prompt_tokens)::int as prompt_tokens, sum(completion_tokens)::int as completion_tokens
      from ai_coach_messages
      where role = 'coach' and kind in ('answer', 'fallback') and provider is not null and created_at >= ${at}::timestamptz
      group by provider, model order by answers desc`),
    db.select().from(aiCoachEvalRuns).orderBy(desc(aiCoachEvalRuns.ranAt)).limit(1),
    worstRated(db, since),
  ]);
  const count = (rows: readonly CountRow[], key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
  const provider = coachProvider();
  const price = configuredPrice();
  return {
    days,
    provider: { name: provider.name, model: provider.model, host: providerLabel() },
    usage: [...usage].map((d) => ({
      day: d.day,
      questions: Number(d.questions),
      refused: Number(d.refused),
      members: Number(d.members),
      limited: Number(d.limited),
    })),
    safety: { crisis: count([...safety], "crisis"), concern: count([...safety], "concern") },
    handoffs: (["crisis", "requested", "low-ratings"] as const).map((reason) => {
      const row = [...handoffs].find((h) => h.key === reason);
      return { reason, total: Number(row?.n ?? 0), open: Number(row?.open ?? 0) };
    }),
    ratings: { helped: count([...ratings], "helped"), notHelped: count([...ratings], "not-helped") },
    price,
    answers: [...answers].map((a) => {
      const totals = {
        provider: a.provider ?? "",
        model: a.model ?? "",
        promptTokens: Number(a.prompt_tokens ?? 0),
        completionTokens: Number(a.completion_tokens ?? 0),
      };
      return {
        ...totals,
        answers: Number(a.answers),
        fallbacks: Number(a.fallbacks),
        interrupted: Number(a.interrupted),
        p50Ms: a.p50 === null ? null : Math.round(Number(a.p50)),
        p95Ms: a.p95 === null ? null : Math.round(Number(a.p95)),
        cost: estimateCost(totals, price),
      };
    }),
    evalRun: evalRun[0] ?? null,
    worst,
  };
}

/** The latest answers rated "didn't help", with their question when the member agreed to a review. */
async function worstRated(db: Database, since: Date) {
  const rows = await db
    .select({
      id: aiCoachMessages.id,
      createdAt: aiCoachMessages.createdAt,
      locale: aiCoachMessages.locale,
      kind: aiCoachMessages.kind,
      provider: aiCoachMessages.provider,
      guardrail: aiCoachMessages.guardrail,
      citations: aiCoachMessages.citations,
      body: aiCoachMessages.body,
      question: sql<string | null>`(select q.body from ai_coach_messages q where q.id = ${aiCoachMessages.questionId})`,
      reviewable: sql<boolean>`${aiCoachConsents.shareForReview} is true`,
    })
    .from(aiCoachMessages)
    .leftJoin(aiCoachConsents, and(eq(aiCoachConsents.userId, aiCoachMessages.userId), isNull(aiCoachConsents.withdrawnAt)))
    .where(and(eq(aiCoachMessages.rating, "not-helped"), gte(aiCoachMessages.createdAt, since)))
    .orderBy(desc(aiCoachMessages.createdAt))
    .limit(WORST_ANSWERS);
  return rows.map(({ body, question, reviewable, citations, ...row }) => ({
    ...row,
    sources: citations.map((c) => c.title),
    text: reviewable ? { question: question ?? "", answer: body } : null,
  }));
}
