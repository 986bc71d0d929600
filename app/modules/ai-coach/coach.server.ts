import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { aiCoachConsents, aiCoachMessages, aiCoachSafetyEvents, aiCoachThreads, aiCoachUsage, type AiCoachMessageRow } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { localDate } from "~/lib/local-date";
import { logger } from "~/lib/logger.server";
import { coachContext } from "./context.server";
import { checkAnswer, redactContact, sensitiveTopics } from "./guardrails";
import { openHandoff, notifyHandoff } from "./handoffs.server";
import { SYSTEM_RULES, type CoachProvider, type Passage } from "./provider";
import { PROMPT_CANARY } from "./providers.server";
import { retrievePassages } from "./retrieval.server";
import { assessSafety } from "./safety";

export const MAX_QUESTION_CHARS = 1000;
const HISTORY_MESSAGES = 6;
/** A "streaming" answer untouched this long was left by a process that stopped: it may be claimed again. */
const STALE_STREAM_MS = 2 * 60_000;

export type Member = { id: string; locale: AppLocale; timeZone: string; displayName: string };

// ---------------------------------------------------------------- consent

export async function liveConsent(db: Database, userId: string) {
  const [row] = await db
    .select({
      givenAt: aiCoachConsents.givenAt,
      provider: aiCoachConsents.provider,
      shareWithCoach: aiCoachConsents.shareWithCoach,
      shareForReview: aiCoachConsents.shareForReview,
    })
    .from(aiCoachConsents)
    .where(and(eq(aiCoachConsents.userId, userId), isNull(aiCoachConsents.withdrawnAt)))
    .limit(1);
  return row ?? null;
}

/** Idempotent: a second agreement while one is live changes nothing. */
export async function giveConsent(
  db: Database,
  userId: string,
  provider: string,
  choices: { shareWithCoach: boolean; shareForReview: boolean } = { shareWithCoach: false, shareForReview: false },
): Promise<void> {
  await db
    .insert(aiCoachConsents)
    .values({ userId, provider, ...choices })
    .onConflictDoNothing();
}

export async function withdrawConsent(db: Database, userId: string, now = new Date()): Promise<void> {
  await db
    .update(aiCoachConsents)
    .set({ withdrawnAt: now })
    .where(and(eq(aiCoachConsents.userId, userId), isNull(aiCoachConsents.withdrawnAt)));
}

async function requireConsent(db: Database, userId: string) {
  if (!(await liveConsent(db, userId))) throw new DomainError("conflict", "aiCoach:errors.consent");
}

// ---------------------------------------------------------------- quota

/** Questions asked on the member's local day. */
export async function questionsToday(db: Database, userId: string, day: string): Promise<number> {
  const [row] = await db
    .select({ questions: aiCoachUsage.questions })
    .from(aiCoachUsage)
    .where(and(eq(aiCoachUsage.userId, userId), eq(aiCoachUsage.day, day)));
  return row?.questions ?? 0;
}

/**
 * Counts one question against the day's limit in one statement: the row lock taken by the
 * upsert serialises concurrent questions, and the `where` refuses the one past the limit.
 */
async function takeQuestion(tx: Database, userId: string, day: string, limit: number): Promise<void> {
  if (limit <= 0) throw new DomainError("rate-limited", "aiCoach:errors.quota");
  const rows = await tx.execute<{ questions: number }>(sql`
    insert into ai_coach_usage (user_id, day, questions) values (${userId}, ${day}, 1)
    on conflict (user_id, day) do update set questions = ai_coach_usage.questions + 1
    where ai_coach_usage.questions < ${limit}
    returning questions`);
  if (rows.length === 0) throw new DomainError("rate-limited", "aiCoach:errors.quota");
}

async function countRefusal(db: Database, userId: string, day: string): Promise<void> {
  await db.execute(sql`
    insert into ai_coach_usage (user_id, day, questions, refused) values (${userId}, ${day}, 0, 1)
    on conflict (user_id, day) do update set refused = ai_coach_usage.refused + 1`);
}

// ---------------------------------------------------------------- threads and asking

export type AskOutcome =
  { outcome: "crisis"; threadId: string; handoff: Handed } | { outcome: "answer"; threadId: string; answerId: string };

function threadTitle(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * A member's question: safety first (a crisis opens a handoff, is audited and gets the fixed
 * resources message — no quota is taken and no provider is called), then the day's quota, then
 * a pending answer that `streamAnswer` writes.
 */
export async function askQuestion(
  db: Database,
  member: Member,
  a: { threadId: string | null; question: string; limit: number; now?: Date },
): Promise<AskOutcome> {
  const now = a.now ?? new Date();
  const question = a.question.trim();
  if (!question) throw new DomainError("invalid", "aiCoach:errors.empty", { field: "question" });
  if (question.length > MAX_QUESTION_CHARS) throw new DomainError("invalid", "aiCoach:errors.tooLong", { field: "question" });
  const safety = assessSafety(question, member.locale);
  const day = localDate(now, member.timeZone);
  const result = await db
    .transaction(async (tx) => {
      await requireConsent(tx, member.id);
      let threadId = a.threadId;
      if (threadId) {
        const [own] = await tx
          .update(aiCoachThreads)
          .set({ updatedAt: now })
          .where(and(eq(aiCoachThreads.id, threadId), eq(aiCoachThreads.userId, member.id)))
          .returning({ id: aiCoachThreads.id });
        if (!own) throw new DomainError("not-found", "aiCoach:errors.notFound");
      } else {
        const [created] = await tx
          .insert(aiCoachThreads)
          .values({ userId: member.id, title: threadTitle(question) })
          .returning({ id: aiCoachThreads.id });
        threadId = created!.id;
      }
      if (safety.level !== "crisis") await takeQuestion(tx, member.id, day, a.limit);
      const [asked] = await tx
        .insert(aiCoachMessages)
        .values({
          threadId,
          userId: member.id,
          role: "member",
          kind: "question",
          locale: member.locale,
          body: question,
          safetyLevel: safety.level,
        })
        .returning({ id: aiCoachMessages.id });
      if (safety.level === "crisis") {
        await tx.insert(aiCoachMessages).values({
          threadId,
          userId: member.id,
          role: "coach",
          kind: "resources",
          locale: member.locale,
          questionId: asked!.id,
          safetyLevel: "crisis",
          provider: "safety",
        });
        const handoff = await openHandoff(tx, { userId: member.id, threadId, reason: "crisis", categories: safety.categories });
        await tx.insert(aiCoachSafetyEvents).values({
          userId: member.id,
          messageId: asked!.id,
          level: safety.level,
          categories: safety.categories,
          reasons: safety.reasons,
          handoffId: handoff.id,
        });
        return { outcome: "crisis" as const, threadId, handoff, notify: handoff.notify };
      }
      if (safety.level === "concern")
        await tx
          .insert(aiCoachSafetyEvents)
          .values({ userId: member.id, messageId: asked!.id, level: safety.level, categories: safety.categories, reasons: safety.reasons });
      const [answer] = await tx
        .insert(aiCoachMessages)
        .values({
          threadId,
          userId: member.id,
          role: "coach",
          kind: "answer",
          status: "pending",
          locale: member.locale,
          questionId: asked!.id,
          safetyLevel: safety.level,
        })
        .returning({ id: aiCoachMessages.id });
      return { outcome: "answer" as const, threadId, answerId: answer!.id, notify: [] as string[] };
    })
    .catch(async (error: unknown) => {
      // The refused question's transaction rolled back: its quota hit is counted on its own.
      if (error instanceof DomainError && error.kind === "rate-limited") await countRefusal(db, member.id, day);
      throw error;
    });
  if (result.outcome === "crisis") {
    await notifyHandoff(db, result.notify);
    logger.warn({ event: "ai-coach.crisis", userId: member.id, categories: safety.categories }, "AI coach crisis handoff opened");
    return { outcome: "crisis", threadId: result.threadId, handoff: { coachName: result.handoff.coachName, dueAt: result.handoff.dueAt } };
  }
  return { outcome: "answer", threadId: result.threadId, answerId: result.answerId };
}

// ---------------------------------------------------------------- writing an answer

export type StreamEvents = {
  onText: (piece: string) => void;
  /** The answer failed the post-check: what was shown is replaced by this text. */
  onReplace: (text: string) => void;
};

export type StreamResult = { status: "complete" | "interrupted"; body: string; kind: AiCoachMessageRow["kind"] };

/** Whether the answer exists and is the member's own: the stream route answers a 404 before it opens a stream otherwise. */
export async function isOwnAnswer(db: Database, userId: string, answerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: aiCoachMessages.id })
    .from(aiCoachMessages)
    .where(and(eq(aiCoachMessages.id, answerId), eq(aiCoachMessages.userId, userId), eq(aiCoachMessages.kind, "answer")));
  return Boolean(row);
}

/**
 * Writes a pending answer with the provider, streaming pieces to `events`. The answer is
 * claimed first (pending → streaming), so two tabs never write it twice. Checked as it grows and
 * at the end; a failing answer is stopped and replaced by the safe fallback. A provider error or
 * the member leaving (`signal`) leaves it `interrupted` with what was written, to retry.
 */
export async function streamAnswer(
  db: Database,
  member: Member,
  answerId: string,
  provider: CoachProvider,
  fallbackText: string,
  events: StreamEvents,
  signal: AbortSignal,
  now = new Date(),
): Promise<StreamResult> {
  const [claimed] = await db
    .update(aiCoachMessages)
    .set({ status: "streaming", updatedAt: now, body: "" })
    .where(
      and(
        eq(aiCoachMessages.id, answerId),
        eq(aiCoachMessages.userId, member.id),
        eq(aiCoachMessages.kind, "answer"),
        or(
          eq(aiCoachMessages.status, "pending"),
          and(eq(aiCoachMessages.status, "streaming"), lt(aiCoachMessages.updatedAt, new Date(now.getTime() - STALE_STREAM_MS))),
        ),
      ),
    )
    .returning();
  if (!claimed) {
    const [existing] = await db
      .select()
      .from(aiCoachMessages)
      .where(and(eq(aiCoachMessages.id, answerId), eq(aiCoachMessages.userId, member.id)));
    if (!existing) throw new DomainError("not-found", "aiCoach:errors.notFound");
    if (existing.status === "streaming") throw new DomainError("conflict", "aiCoach:errors.busy");
    return { status: existing.status === "complete" ? "complete" : "interrupted", body: existing.body, kind: existing.kind };
  }
  // Consent withdrawn since the question was asked: nothing is sent.
  if (!(await liveConsent(db, member.id))) {
    await db.update(aiCoachMessages).set({ status: "interrupted" }).where(eq(aiCoachMessages.id, answerId));
    throw new DomainError("conflict", "aiCoach:errors.consent");
  }
  const [question] = await db.select().from(aiCoachMessages).where(eq(aiCoachMessages.id, claimed.questionId!));
  const history = await db
    .select({ role: aiCoachMessages.role, body: aiCoachMessages.body })
    .from(aiCoachMessages)
    .where(
      and(
        eq(aiCoachMessages.threadId, claimed.threadId),
        lt(aiCoachMessages.createdAt, question!.createdAt),
        eq(aiCoachMessages.status, "complete"),
        inArray(aiCoachMessages.kind, ["question", "answer"]),
      ),
    )
    .orderBy(desc(aiCoachMessages.createdAt))
    .limit(HISTORY_MESSAGES);
  const [context, passages] = await Promise.all([
    coachContext(db, member.id, member.locale, member.timeZone, now),
    retrievePassages(db, question!.body, member.locale),
  ]);
  const redact = (text: string) => (provider.external ? redactContact(text, [member.displayName]) : text);
  const input = {
    question: redact(question!.body),
    locale: member.locale,
    context,
    passages,
    history: history.reverse().map((m) => ({ role: m.role, text: redact(m.body) })),
    concern: question!.safetyLevel === "concern",
    topics: [
      ...new Set([...sensitiveTopics(question!.body), ...passages.filter((p) => p.medical).flatMap((p) => sensitiveTopics(p.text))]),
    ],
  };
  const secrets = [PROMPT_CANARY, ...SYSTEM_RULES];
  const started = Date.now();
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  let body = "";
  let failed: string[] | null = null;
  let usage = { promptTokens: 0, completionTokens: 0 };
  try {
    const stream = provider.answer(input, abort.signal);
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        usage = next.value;
        break;
      }
      body += next.value;
      const check = checkAnswer(body, secrets);
      if (!check.ok) {
        failed = check.reasons;
        abort.abort();
        break;
      }
      events.onText(next.value);
    }
    if (!failed) {
      const check = checkAnswer(body, secrets);
      if (!check.ok) failed = check.reasons;
    }
  } catch {
    if (!failed) {
      await db
        .update(aiCoachMessages)
        .set({
          status: "interrupted",
          body,
          provider: provider.name,
          model: provider.model,
          latencyMs: Date.now() - started,
          updatedAt: new Date(),
        })
        .where(eq(aiCoachMessages.id, answerId));
      logger.warn({ event: "ai-coach.interrupted", answerId, provider: provider.name }, "AI coach answer cut off");
      return { status: "interrupted", body, kind: "answer" };
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  if (failed) {
    body = fallbackText;
    events.onReplace(fallbackText);
  }
  const citations = failed ? [] : citedPassages(body, passages);
  await db
    .update(aiCoachMessages)
    .set({
      status: "complete",
      kind: failed ? "fallback" : "answer",
      body,
      citations,
      provider: provider.name,
      model: provider.model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      latencyMs: Date.now() - started,
      guardrail: failed ? failed.join(",") : null,
      updatedAt: new Date(),
    })
    .where(eq(aiCoachMessages.id, answerId));
  logger.info(
    {
      event: "ai-coach.answer",
      answerId,
      provider: provider.name,
      model: provider.model,
      latencyMs: Date.now() - started,
      ...usage,
      guardrail: failed,
    },
    "AI coach answer",
  );
  return { status: "complete", body, kind: failed ? "fallback" : "answer" };
}

/** The passages whose marker ([p1]) the answer uses, as links to store. */
export function citedPassages(body: string, passages: readonly Passage[]) {
  return passages
    .filter((p) => body.includes(`[${p.marker}]`))
    .map((p) => ({ itemId: p.itemId, slug: p.slug, sectionId: p.sectionId, title: p.title, marker: p.marker }));
}

/** An interrupted answer goes back to pending, to be written again (no second quota). */
export async function retryAnswer(db: Database, userId: string, answerId: string): Promise<{ threadId: string }> {
  const [row] = await db
    .update(aiCoachMessages)
    .set({ status: "pending", body: "", updatedAt: new Date() })
    .where(and(eq(aiCoachMessages.id, answerId), eq(aiCoachMessages.userId, userId), eq(aiCoachMessages.status, "interrupted")))
    .returning({ threadId: aiCoachMessages.threadId });
  if (!row) throw new DomainError("not-found", "aiCoach:errors.notFound");
  return row;
}

/** This many "didn't help" ratings in one thread hand the member to their human coach (once per thread). */
export const LOW_RATINGS_HANDOFF = 2;

export type Handed = { coachName: string | null; dueAt: Date | null };

/**
 * Rates one of the member's answers. The thread's row lock serialises ratings, so the
 * LOW_RATINGS_HANDOFF-th "didn't help" opens exactly one handoff; returns it when it did.
 */
export async function rateAnswer(
  db: Database,
  userId: string,
  answerId: string,
  rating: "helped" | "not-helped",
): Promise<{ handoff: Handed | null }> {
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(aiCoachMessages)
      .set({ rating })
      .where(and(eq(aiCoachMessages.id, answerId), eq(aiCoachMessages.userId, userId), eq(aiCoachMessages.role, "coach")))
      .returning({ threadId: aiCoachMessages.threadId });
    if (!row) throw new DomainError("not-found", "aiCoach:errors.notFound");
    if (rating !== "not-helped") return null;
    await tx.select({ id: aiCoachThreads.id }).from(aiCoachThreads).where(eq(aiCoachThreads.id, row.threadId)).for("update");
    const [counts] = await tx
      .select({
        notHelped: sql<number>`count(*) filter (where ${aiCoachMessages.rating} = 'not-helped')::int`,
        handed: sql<boolean>`exists (select 1 from ai_coach_handoffs h where h.thread_id = ${row.threadId} and h.reason = 'low-ratings')`,
      })
      .from(aiCoachMessages)
      .where(eq(aiCoachMessages.threadId, row.threadId));
    if (!counts || counts.handed || counts.notHelped < LOW_RATINGS_HANDOFF) return null;
    return openHandoff(tx, { userId, threadId: row.threadId, reason: "low-ratings" });
  });
  if (!result) return { handoff: null };
  await notifyHandoff(db, result.notify);
  return { handoff: { coachName: result.coachName, dueAt: result.dueAt } };
}

export async function deleteThread(db: Database, userId: string, threadId: string): Promise<void> {
  const rows = await db
    .delete(aiCoachThreads)
    .where(and(eq(aiCoachThreads.id, threadId), eq(aiCoachThreads.userId, userId)))
    .returning({ id: aiCoachThreads.id });
  if (rows.length === 0) throw new DomainError("not-found", "aiCoach:errors.notFound");
}

export async function deleteAllThreads(db: Database, userId: string): Promise<void> {
  await db.delete(aiCoachThreads).where(eq(aiCoachThreads.userId, userId));
}

/** "Talk to my coach": a handoff for the member's coach (or the team), pushed live. */
export async function requestHumanCoach(db: Database, userId: string, threadId: string | null) {
  const handoff = await db.transaction(async (tx) => {
    if (threadId) {
      const [own] = await tx
        .select({ id: aiCoachThreads.id })
        .from(aiCoachThreads)
        .where(and(eq(aiCoachThreads.id, threadId), eq(aiCoachThreads.userId, userId)));
      if (!own) throw new DomainError("not-found", "aiCoach:errors.notFound");
    }
    return openHandoff(tx, { userId, threadId, reason: "requested" });
  });
  await notifyHandoff(db, handoff.notify);
  return { coachName: handoff.coachName, dueAt: handoff.dueAt };
}

// ---------------------------------------------------------------- the page

export type ThreadSummary = { id: string; title: string; updatedAt: Date };

export async function threadsOf(db: Database, userId: string): Promise<ThreadSummary[]> {
  return db
    .select({ id: aiCoachThreads.id, title: aiCoachThreads.title, updatedAt: aiCoachThreads.updatedAt })
    .from(aiCoachThreads)
    .where(eq(aiCoachThreads.userId, userId))
    .orderBy(desc(aiCoachThreads.updatedAt))
    .limit(50);
}

/** One of the member's threads with its messages; someone else's (or none) is a 404. */
export async function threadMessages(db: Database, userId: string, threadId: string) {
  const rows = await db
    .select({
      id: aiCoachMessages.id,
      role: aiCoachMessages.role,
      kind: aiCoachMessages.kind,
      status: aiCoachMessages.status,
      locale: aiCoachMessages.locale,
      body: aiCoachMessages.body,
      citations: aiCoachMessages.citations,
      rating: aiCoachMessages.rating,
      updatedAt: aiCoachMessages.updatedAt,
      createdAt: aiCoachMessages.createdAt,
    })
    .from(aiCoachMessages)
    .innerJoin(aiCoachThreads, eq(aiCoachThreads.id, aiCoachMessages.threadId))
    .where(and(eq(aiCoachThreads.id, threadId), eq(aiCoachThreads.userId, userId)))
    .orderBy(asc(aiCoachMessages.createdAt), asc(aiCoachMessages.role));
  if (rows.length === 0) {
    const [own] = await db
      .select({ id: aiCoachThreads.id })
      .from(aiCoachThreads)
      .where(and(eq(aiCoachThreads.id, threadId), eq(aiCoachThreads.userId, userId)));
    if (!own) throw new DomainError("not-found", "aiCoach:errors.notFound");
  }
  return rows;
}
