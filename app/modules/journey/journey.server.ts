import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  cigaretteLogs,
  cravingLogs,
  dailyTotals,
  healthConsents,
  moodLogs,
  outcomeFollowUps,
  planRevisions,
  quitAttempts,
  slipReflections,
  smokingProfiles,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "~/modules/badges/events.server";
import { brinkmanIndex, packYears, scoreFtnd, scoreHsi } from "./assessment";
import { addDays, daysBetween, type LocalDate } from "./dates";
import { dueFollowUps, type FollowUpKey } from "./outcomes";
import { planAfterRelapse, proposePlan, type QuitPlan } from "./plan";
import { CONSENT_PURPOSE_VERSION, ftndAnswers, type SmokingProfile } from "./profile";
import { detectRelapse, smokingSpendMinor } from "./progress";

export type ProfileRow = typeof smokingProfiles.$inferSelect;
export type AttemptRow = typeof quitAttempts.$inferSelect;

// ---------------------------------------------------------------- consent

/** Throws unless the member has a live consent: no health data is written without one. */
async function requireConsent(tx: Database, userId: string): Promise<void> {
  const [row] = await tx
    .select({ id: healthConsents.id })
    .from(healthConsents)
    .where(
      and(
        eq(healthConsents.userId, userId),
        isNull(healthConsents.withdrawnAt),
        eq(healthConsents.purposeVersion, CONSENT_PURPOSE_VERSION),
      ),
    )
    .limit(1);
  if (!row) throw new DomainError("forbidden", "journey:errors.consentMissing");
}

export async function grantConsent(db: Database, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Serialise concurrent grants of one member so a double submit keeps one live consent.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${userId}`}))`);
    const [live] = await tx
      .select({ id: healthConsents.id })
      .from(healthConsents)
      .where(
        and(
          eq(healthConsents.userId, userId),
          isNull(healthConsents.withdrawnAt),
          eq(healthConsents.purposeVersion, CONSENT_PURPOSE_VERSION),
        ),
      );
    if (!live) await tx.insert(healthConsents).values({ userId, purposeVersion: CONSENT_PURPOSE_VERSION });
  });
}

/** Withdraws every live consent; data already kept stays, nothing new is accepted. Returns how many were live. */
export async function withdrawConsent(db: Database, userId: string): Promise<number> {
  const rows = await db
    .update(healthConsents)
    .set({ withdrawnAt: new Date() })
    .where(and(eq(healthConsents.userId, userId), isNull(healthConsents.withdrawnAt)))
    .returning({ id: healthConsents.id });
  return rows.length;
}

export async function consentStatus(db: Database, userId: string) {
  const [row] = await db
    .select({ purposeVersion: healthConsents.purposeVersion, grantedAt: healthConsents.grantedAt, withdrawnAt: healthConsents.withdrawnAt })
    .from(healthConsents)
    .where(eq(healthConsents.userId, userId))
    .orderBy(desc(healthConsents.grantedAt))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------- the member's state, in one statement

export type JourneyState = {
  consented: boolean;
  consentWithdrawn: boolean;
  profile: ProfileRow | null;
  attempt: AttemptRow | null;
  plan: QuitPlan | null;
  planRevision: number;
  /** The latest ended attempt, only when there is no active one (the new-attempt flow starts from it). */
  endedAttempt: AttemptRow | null;
  endedPlan: QuitPlan | null;
  answeredFollowUps: FollowUpKey[];
};

type Json = Record<string, unknown>;
function camelRow<T>(row: Json | null): T | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), v])) as T;
}

function toProfile(row: Json | null): ProfileRow | null {
  const p = camelRow<ProfileRow>(row);
  if (!p) return null;
  return {
    ...p,
    yearsSmoked: Number(p.yearsSmoked),
    packPriceMinor: Number(p.packPriceMinor),
    createdAt: new Date(p.createdAt),
    updatedAt: new Date(p.updatedAt),
  };
}

function toAttempt(row: Json | null): AttemptRow | null {
  const a = camelRow<AttemptRow>(row);
  if (!a) return null;
  return { ...a, packPriceMinor: Number(a.packPriceMinor), createdAt: new Date(a.createdAt) };
}

/** Consent, profile, the active attempt with its current plan, the last ended attempt and answered follow-ups: one query. */
export async function journeyState(db: Database, userId: string): Promise<JourneyState> {
  const rows = await db.execute<{ state: Json }>(sql`
    with active as (select * from quit_attempts where user_id = ${userId} and status = 'active'),
    ended as (select * from quit_attempts where user_id = ${userId} and status <> 'active' and not exists (select 1 from active) order by attempt_number desc limit 1)
    select json_build_object(
      'consent', (select json_build_object('version', purpose_version, 'withdrawn', withdrawn_at is not null)
                  from health_consents where user_id = ${userId} order by granted_at desc limit 1),
      'profile', (select row_to_json(p) from smoking_profiles p where p.user_id = ${userId}),
      'attempt', (select row_to_json(a) from active a),
      'plan', (select json_build_object('plan', r.plan, 'revision', r.revision) from plan_revisions r
               where r.attempt_id = (select id from active) order by r.revision desc limit 1),
      'ended', (select row_to_json(e) from ended e),
      'endedPlan', (select r.plan from plan_revisions r where r.attempt_id = (select id from ended) order by r.revision desc limit 1),
      'followUps', (select coalesce(json_agg(f.follow_up), '[]'::json) from outcome_follow_ups f where f.attempt_id = (select id from active))
    ) as state`);
  const state = rows[0]!.state as {
    consent: { version: string; withdrawn: boolean } | null;
    profile: Json | null;
    attempt: Json | null;
    plan: { plan: QuitPlan; revision: number } | null;
    ended: Json | null;
    endedPlan: QuitPlan | null;
    followUps: FollowUpKey[];
  };
  return {
    consented: !!state.consent && !state.consent.withdrawn && state.consent.version === CONSENT_PURPOSE_VERSION,
    consentWithdrawn: !!state.consent?.withdrawn,
    profile: toProfile(state.profile),
    attempt: toAttempt(state.attempt),
    plan: state.plan?.plan ?? null,
    planRevision: state.plan?.revision ?? 0,
    endedAttempt: toAttempt(state.ended),
    endedPlan: state.endedPlan,
    answeredFollowUps: state.followUps,
  };
}

/** Where a member who is not yet set up belongs, or null when the journey pages apply. */
export function onboardingRedirect(state: JourneyState): string | null {
  if (!state.consented || !state.profile) return "/app/onboarding";
  if (!state.attempt) return state.endedAttempt ? "/app/new-attempt" : "/app/onboarding";
  return null;
}

// ---------------------------------------------------------------- profile and results

export async function saveProfile(db: Database, userId: string, input: SmokingProfile & { packPriceMinor: number }): Promise<void> {
  const ftnd = scoreFtnd(ftndAnswers(input));
  const hsi = scoreHsi(ftndAnswers(input));
  const values = {
    cigarettesPerDay: input.cigarettesPerDay,
    yearsSmoked: input.yearsSmoked,
    cigarettesPerPack: input.cigarettesPerPack,
    packPriceMinor: input.packPriceMinor,
    currency: input.currency,
    brand: input.brand ?? null,
    triggers: input.triggers,
    customTriggers: input.customTriggers,
    reasons: input.reasons,
    ftndAnswers: {
      minutesToFirstCigarette: input.minutesToFirstCigarette,
      difficultToRefrain: input.difficultToRefrain,
      hatesToGiveUp: input.hatesToGiveUp,
      smokesMoreInMorning: input.smokesMoreInMorning,
      smokesWhenIll: input.smokesWhenIll,
    },
    ftndScore: ftnd.score,
    hsiScore: hsi.score,
  };
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    await tx
      .insert(smokingProfiles)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: smokingProfiles.userId, set: { ...values, updatedAt: new Date() } });
  });
}

/** The figures shown back after the profile, with what they mean. */
export function profileResults(profile: ProfileRow) {
  const answers = profile.ftndAnswers as Record<string, unknown>;
  const input = { ...answers, cigarettesPerDay: profile.cigarettesPerDay } as Parameters<typeof ftndAnswers>[0];
  const ftnd = scoreFtnd(ftndAnswers(input));
  return {
    ftnd,
    hsi: scoreHsi(ftndAnswers(input)),
    brinkman: brinkmanIndex(profile.cigarettesPerDay, profile.yearsSmoked),
    packYears: packYears(profile.cigarettesPerDay, profile.yearsSmoked),
    spend: smokingSpendMinor({
      cigarettesPerDay: profile.cigarettesPerDay,
      pricePerPackMinor: profile.packPriceMinor,
      cigarettesPerPack: profile.cigarettesPerPack,
    }),
  };
}

export function proposedPlanFor(profile: ProfileRow, today: LocalDate): QuitPlan {
  const { ftnd } = profileResults(profile);
  return proposePlan({
    cigarettesPerDay: profile.cigarettesPerDay,
    ftndScore: ftnd.score,
    ftndBand: ftnd.band,
    triggers: profile.triggers,
    customTriggers: profile.customTriggers,
    reasons: profile.reasons,
    today,
  });
}

/**
 * Moves a proposed plan to the quit date the member chose, and switches the reduction phase on or
 * off: stages shift with the quit date, targets fall in equal steps from `today` to zero.
 */
export function adjustPlan(
  plan: QuitPlan,
  a: { quitDate: LocalDate; reduceFirst: boolean; today: LocalDate; cigarettesPerDay: number },
): QuitPlan {
  const shift = daysBetween(plan.quitDate, a.quitDate);
  const stages = plan.stages
    .map((s) => ({ ...s, startDate: addDays(s.startDate, shift), endDate: s.endDate === null ? null : addDays(s.endDate, shift) }))
    // A preparation stage only exists when the quit date is still ahead.
    .filter((s) => s.key !== "preparation" || daysBetween(a.today, a.quitDate) > 0)
    .map((s) => (s.key === "preparation" ? { ...s, startDate: a.today } : s));
  const days = Math.max(0, daysBetween(a.today, a.quitDate));
  const dailyTargets =
    a.reduceFirst && days > 0
      ? Array.from({ length: days }, (_, i) => ({
          date: addDays(a.today, i + 1),
          target: Math.round((a.cigarettesPerDay * (days - i - 1)) / days),
        }))
      : [];
  return {
    ...plan,
    quitDate: a.quitDate,
    approach: a.reduceFirst && days > 0 ? "reduce-then-quit" : "quit-on-date",
    reductionDays: dailyTargets.length,
    dailyTargets,
    stages,
  };
}

async function nextAttemptNumber(tx: Database, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${quitAttempts.attemptNumber}), 0)::int` })
    .from(quitAttempts)
    .where(eq(quitAttempts.userId, userId));
  return (row?.n ?? 0) + 1;
}

/** Starts an attempt with its first plan revision. A second active attempt is a conflict (the unique index agrees). */
export async function startAttempt(
  db: Database,
  userId: string,
  a: { plan: QuitPlan; cigarettesPerDay?: number; changeNote: string },
): Promise<AttemptRow> {
  const attempt = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`attempt:${userId}`}))`);
    const [profile] = await tx.select().from(smokingProfiles).where(eq(smokingProfiles.userId, userId));
    if (!profile) throw new DomainError("conflict", "journey:errors.profileMissing");
    const [active] = await tx
      .select({ id: quitAttempts.id })
      .from(quitAttempts)
      .where(and(eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")));
    if (active) throw new DomainError("conflict", "journey:errors.attemptActive");
    const [created] = await tx
      .insert(quitAttempts)
      .values({
        userId,
        attemptNumber: await nextAttemptNumber(tx, userId),
        quitDate: a.plan.quitDate,
        baselinePerDay: a.cigarettesPerDay ?? profile.cigarettesPerDay,
        cigarettesPerPack: profile.cigarettesPerPack,
        packPriceMinor: profile.packPriceMinor,
        currency: profile.currency,
      })
      .returning();
    await tx.insert(planRevisions).values({
      attemptId: created!.id,
      userId,
      revision: 1,
      plan: a.plan as unknown as Record<string, unknown>,
      changeNote: a.changeNote,
    });
    return created!;
  });
  await afterJourneyEvent(db, userId);
  return attempt;
}

/** Saves a changed plan as a new revision of the member's own active attempt (404 for anyone else's). */
export async function revisePlan(
  db: Database,
  userId: string,
  attemptId: string,
  plan: QuitPlan,
  changeNote: string | null,
): Promise<number> {
  const revision = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [attempt] = await tx
      .select({ id: quitAttempts.id })
      .from(quitAttempts)
      .where(and(eq(quitAttempts.id, attemptId), eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")))
      .for("update");
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${planRevisions.revision}), 0)::int` })
      .from(planRevisions)
      .where(eq(planRevisions.attemptId, attemptId));
    const next = (last?.n ?? 0) + 1;
    await tx
      .insert(planRevisions)
      .values({ attemptId, userId, revision: next, plan: plan as unknown as Record<string, unknown>, changeNote });
    await tx.update(quitAttempts).set({ quitDate: plan.quitDate }).where(eq(quitAttempts.id, attemptId));
    return next;
  });
  await afterJourneyEvent(db, userId);
  return revision;
}

export async function planRevisionList(db: Database, userId: string, attemptId: string) {
  return db
    .select({ revision: planRevisions.revision, changeNote: planRevisions.changeNote, createdAt: planRevisions.createdAt })
    .from(planRevisions)
    .where(and(eq(planRevisions.attemptId, attemptId), eq(planRevisions.userId, userId)))
    .orderBy(desc(planRevisions.revision))
    .limit(20);
}

// ---------------------------------------------------------------- daily logs

type DayDelta = { cigarettes?: number; cravings?: number; cravingsResisted?: number; checkedIn?: boolean; mood?: number };

/** Adds to (or subtracts from) the member's rollup for one local day, in the caller's transaction. */
async function bumpDay(tx: Database, userId: string, localDate: LocalDate, d: DayDelta): Promise<void> {
  await tx
    .insert(dailyTotals)
    .values({
      userId,
      localDate,
      cigarettes: Math.max(0, d.cigarettes ?? 0),
      cravings: Math.max(0, d.cravings ?? 0),
      cravingsResisted: Math.max(0, d.cravingsResisted ?? 0),
      checkedIn: d.checkedIn ?? false,
      mood: d.mood ?? null,
    })
    .onConflictDoUpdate({
      target: [dailyTotals.userId, dailyTotals.localDate],
      set: {
        cigarettes: sql`greatest(0, ${dailyTotals.cigarettes} + ${d.cigarettes ?? 0})`,
        cravings: sql`greatest(0, ${dailyTotals.cravings} + ${d.cravings ?? 0})`,
        cravingsResisted: sql`greatest(0, ${dailyTotals.cravingsResisted} + ${d.cravingsResisted ?? 0})`,
        checkedIn: d.checkedIn === undefined ? sql`${dailyTotals.checkedIn}` : sql`${d.checkedIn}`,
        mood: d.mood === undefined ? sql`${dailyTotals.mood}` : sql`${d.mood}`,
        updatedAt: new Date(),
      },
    });
}

async function activeAttemptFor(tx: Database, userId: string): Promise<AttemptRow | null> {
  const [row] = await tx
    .select()
    .from(quitAttempts)
    .where(and(eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")))
    .for("update");
  return row ?? null;
}

/** Full smoke-free days between smoking days on/after the quit date, up to `until`: the attempt's longest streak. */
function longestStreak(quitDate: LocalDate, smokedDates: LocalDate[], until: LocalDate): number {
  let longest = 0;
  let previous = addDays(quitDate, -1);
  for (const date of smokedDates) {
    longest = Math.max(longest, daysBetween(previous, date) - 1);
    previous = date;
  }
  return Math.max(longest, daysBetween(previous, until) - 1, 0);
}

export type SmokingOutcome = { slip: boolean; relapsedOn: LocalDate | null; attemptId: string | null };

/**
 * After cigarettes change: a cigarette on or after the quit date is a slip; when the relapse
 * definition is met the attempt ends as relapsed on that date.
 */
async function reviewAttempt(tx: Database, userId: string, localDate: LocalDate, today: LocalDate): Promise<SmokingOutcome> {
  const attempt = await activeAttemptFor(tx, userId);
  if (!attempt || daysBetween(attempt.quitDate, localDate) < 0) return { slip: false, relapsedOn: null, attemptId: attempt?.id ?? null };
  const smoked = await tx
    .select({ d: dailyTotals.localDate })
    .from(dailyTotals)
    .where(and(eq(dailyTotals.userId, userId), sql`${dailyTotals.localDate} >= ${attempt.quitDate}`, sql`${dailyTotals.cigarettes} > 0`))
    .orderBy(dailyTotals.localDate);
  const smokedDates = smoked.map((r) => r.d);
  const relapsedOn = detectRelapse({ quitDate: attempt.quitDate, smokedDates });
  const smokedThatDay = smokedDates.includes(localDate);
  if (relapsedOn) {
    await tx
      .update(quitAttempts)
      .set({
        status: "relapsed",
        endedOn: relapsedOn,
        endReason: "relapse-detected",
        longestStreakDays: longestStreak(
          attempt.quitDate,
          smokedDates.filter((d) => d <= relapsedOn),
          relapsedOn,
        ),
      })
      .where(eq(quitAttempts.id, attempt.id));
  } else {
    await tx
      .update(quitAttempts)
      .set({ longestStreakDays: longestStreak(attempt.quitDate, smokedDates, today) })
      .where(eq(quitAttempts.id, attempt.id));
  }
  return { slip: smokedThatDay && !relapsedOn, relapsedOn, attemptId: attempt.id };
}

export type CigaretteInput = { date: LocalDate; count: number; time?: string; trigger?: string; place?: string; mood?: number };

export async function logCigarettes(
  db: Database,
  userId: string,
  input: CigaretteInput,
  today: LocalDate,
): Promise<SmokingOutcome & { id: string }> {
  const outcome = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(cigaretteLogs)
      .values({
        userId,
        localDate: input.date,
        count: input.count,
        smokedAt: input.time ?? null,
        trigger: input.trigger ?? null,
        place: input.place ?? null,
        mood: input.mood ?? null,
      })
      .returning({ id: cigaretteLogs.id });
    await bumpDay(tx, userId, input.date, { cigarettes: input.count, ...(input.mood ? { mood: input.mood } : {}) });
    return { id: log!.id, ...(await reviewAttempt(tx, userId, input.date, today)) };
  });
  await afterJourneyEvent(db, userId);
  return outcome;
}

export async function updateCigaretteLog(
  db: Database,
  userId: string,
  id: string,
  input: CigaretteInput,
  today: LocalDate,
): Promise<SmokingOutcome> {
  const outcome = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [old] = await tx
      .select()
      .from(cigaretteLogs)
      .where(and(eq(cigaretteLogs.id, id), eq(cigaretteLogs.userId, userId)))
      .for("update");
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (daysBetween(old.localDate, today) > 7) throw new DomainError("invalid", "journey:errors.logDateTooOld");
    await tx
      .update(cigaretteLogs)
      .set({
        localDate: input.date,
        count: input.count,
        smokedAt: input.time ?? null,
        trigger: input.trigger ?? null,
        place: input.place ?? null,
        mood: input.mood ?? null,
      })
      .where(eq(cigaretteLogs.id, id));
    await bumpDay(tx, userId, old.localDate, { cigarettes: -old.count });
    await bumpDay(tx, userId, input.date, { cigarettes: input.count });
    return reviewAttempt(tx, userId, input.date, today);
  });
  await afterJourneyEvent(db, userId);
  return outcome;
}

export type CravingInput = { date: LocalDate; intensity: number; trigger?: string; resisted: boolean; copingStrategy?: string };

export async function logCraving(db: Database, userId: string, input: CravingInput): Promise<string> {
  const id = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(cravingLogs)
      .values({
        userId,
        localDate: input.date,
        intensity: input.intensity,
        trigger: input.trigger ?? null,
        resisted: input.resisted,
        coping: input.copingStrategy ?? null,
      })
      .returning({ id: cravingLogs.id });
    await bumpDay(tx, userId, input.date, { cravings: 1, cravingsResisted: input.resisted ? 1 : 0 });
    return log!.id;
  });
  await afterJourneyEvent(db, userId);
  return id;
}

export async function updateCravingLog(db: Database, userId: string, id: string, input: CravingInput, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [old] = await tx
      .select()
      .from(cravingLogs)
      .where(and(eq(cravingLogs.id, id), eq(cravingLogs.userId, userId)))
      .for("update");
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (daysBetween(old.localDate, today) > 7) throw new DomainError("invalid", "journey:errors.logDateTooOld");
    await tx
      .update(cravingLogs)
      .set({
        localDate: input.date,
        intensity: input.intensity,
        trigger: input.trigger ?? null,
        resisted: input.resisted,
        coping: input.copingStrategy ?? null,
      })
      .where(eq(cravingLogs.id, id));
    await bumpDay(tx, userId, old.localDate, { cravings: -1, cravingsResisted: old.resisted ? -1 : 0 });
    await bumpDay(tx, userId, input.date, { cravings: 1, cravingsResisted: input.resisted ? 1 : 0 });
  });
  await afterJourneyEvent(db, userId);
}

/** How the member feels, with an optional note about the day. */
export async function logMood(db: Database, userId: string, input: { date: LocalDate; mood: number; note?: string }): Promise<string> {
  const id = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(moodLogs)
      .values({ userId, localDate: input.date, mood: input.mood, note: input.note ?? null })
      .returning({ id: moodLogs.id });
    await bumpDay(tx, userId, input.date, { mood: input.mood });
    return log!.id;
  });
  await afterJourneyEvent(db, userId);
  return id;
}

export type LogKind = "cigarette" | "craving" | "mood";

/** Deletes one of the member's own entries and takes it out of the day's rollup; anyone else's is a 404. */
export async function deleteLog(db: Database, userId: string, kind: LogKind, id: string, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    const table = { cigarette: cigaretteLogs, craving: cravingLogs, mood: moodLogs }[kind];
    const [old] = await tx
      .delete(table)
      .where(and(eq(table.id, id), eq(table.userId, userId), sql`${table.localDate} >= ${addDays(today, -7)}`))
      .returning();
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (kind === "cigarette") {
      const row = old as typeof cigaretteLogs.$inferSelect;
      await bumpDay(tx, userId, row.localDate, { cigarettes: -row.count });
      await reviewAttempt(tx, userId, row.localDate, today);
    } else if (kind === "craving") {
      const row = old as typeof cravingLogs.$inferSelect;
      await bumpDay(tx, userId, row.localDate, { cravings: -1, cravingsResisted: row.resisted ? -1 : 0 });
    } else if (kind === "mood") {
      const row = old as typeof moodLogs.$inferSelect;
      // The day's mood becomes the latest mood still logged that day (or none).
      await tx.execute(sql`update daily_totals set mood = (select mood from mood_logs where user_id = ${userId} and local_date = ${row.localDate} order by created_at desc limit 1), updated_at = now()
        where user_id = ${userId} and local_date = ${row.localDate}`);
    }
  });
  await afterJourneyEvent(db, userId);
}

/** The one-tap "no cigarettes today": marks the day checked in. Refused on a day with cigarettes logged. */
export async function checkIn(db: Database, userId: string, date: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [day] = await tx
      .select({ cigarettes: dailyTotals.cigarettes })
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, userId), eq(dailyTotals.localDate, date)));
    if (day && day.cigarettes > 0) throw new DomainError("conflict", "journey:errors.checkInAfterSmoking");
    await bumpDay(tx, userId, date, { checkedIn: true });
  });
  await afterJourneyEvent(db, userId);
}

/** The member's own entries of the last days, newest first, for editing. */
export async function recentLogs(db: Database, userId: string, since: LocalDate) {
  const [cigarettes, cravings, moods] = await Promise.all([
    db
      .select()
      .from(cigaretteLogs)
      .where(and(eq(cigaretteLogs.userId, userId), sql`${cigaretteLogs.localDate} >= ${since}`))
      .orderBy(desc(cigaretteLogs.localDate), desc(cigaretteLogs.createdAt))
      .limit(200),
    db
      .select()
      .from(cravingLogs)
      .where(and(eq(cravingLogs.userId, userId), sql`${cravingLogs.localDate} >= ${since}`))
      .orderBy(desc(cravingLogs.localDate), desc(cravingLogs.createdAt))
      .limit(200),
    db
      .select()
      .from(moodLogs)
      .where(and(eq(moodLogs.userId, userId), sql`${moodLogs.localDate} >= ${since}`))
      .orderBy(desc(moodLogs.localDate), desc(moodLogs.createdAt))
      .limit(200),
  ]);
  return { cigarettes, cravings, moods };
}

export async function cigaretteLogById(db: Database, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(cigaretteLogs)
    .where(and(eq(cigaretteLogs.id, id), eq(cigaretteLogs.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

export async function cravingLogById(db: Database, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(cravingLogs)
    .where(and(eq(cravingLogs.id, id), eq(cravingLogs.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

// ---------------------------------------------------------------- slips, relapses, new attempts

export async function recordSlipReflection(
  db: Database,
  userId: string,
  input: { date: LocalDate; trigger?: string; whatHappened?: string; copingStrategy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    await tx.insert(slipReflections).values({
      attemptId: attempt.id,
      userId,
      localDate: input.date,
      trigger: input.trigger ?? null,
      whatHappened: input.whatHappened ?? null,
      copingStrategy: input.copingStrategy,
    });
  });
  await afterJourneyEvent(db, userId);
}

export async function slipReflectionsFor(db: Database, userId: string, attemptId: string) {
  return db
    .select({
      localDate: slipReflections.localDate,
      trigger: slipReflections.trigger,
      whatHappened: slipReflections.whatHappened,
      copingStrategy: slipReflections.copingStrategy,
    })
    .from(slipReflections)
    .where(and(eq(slipReflections.attemptId, attemptId), eq(slipReflections.userId, userId)))
    .orderBy(desc(slipReflections.createdAt))
    .limit(20);
}

/** "I'm smoking again": the member ends their active attempt as relapsed today. */
export async function reportSmokingAgain(db: Database, userId: string, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const smoked = await tx
      .select({ d: dailyTotals.localDate })
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, userId), sql`${dailyTotals.localDate} >= ${attempt.quitDate}`, sql`${dailyTotals.cigarettes} > 0`))
      .orderBy(dailyTotals.localDate);
    const endedOn = daysBetween(attempt.quitDate, today) < 0 ? attempt.quitDate : today;
    await tx
      .update(quitAttempts)
      .set({
        status: "relapsed",
        endedOn,
        endReason: "member-reported",
        longestStreakDays: longestStreak(
          attempt.quitDate,
          smoked.map((r) => r.d),
          endedOn,
        ),
      })
      .where(eq(quitAttempts.id, attempt.id));
  });
  await afterJourneyEvent(db, userId);
}

/** The triggers that led to the relapse: those named in the ended attempt's slips and logged cigarettes, most frequent first. */
export async function relapseTriggers(db: Database, userId: string, attempt: AttemptRow): Promise<string[]> {
  const rows = await db.execute<{ trigger: string }>(sql`
    select trigger from (
      select trigger from slip_reflections where attempt_id = ${attempt.id} and user_id = ${userId} and trigger is not null
      union all
      select trigger from cigarette_logs where user_id = ${userId} and trigger is not null
        and local_date between ${attempt.quitDate} and ${attempt.endedOn ?? attempt.quitDate}
    ) t group by trigger order by count(*) desc, trigger limit 3`);
  return rows.map((r) => r.trigger);
}

export function newAttemptProposal(a: {
  endedPlan: QuitPlan | null;
  profile: ProfileRow;
  triggers: string[];
  today: LocalDate;
  cigarettesPerDay?: number;
}): QuitPlan {
  const previous = a.endedPlan ?? proposedPlanFor(a.profile, a.today);
  return planAfterRelapse(previous, { triggersThatLedToRelapse: a.triggers, today: a.today, cigarettesPerDay: a.cigarettesPerDay });
}

// ---------------------------------------------------------------- outcomes and history

export async function answerFollowUp(
  db: Database,
  userId: string,
  today: LocalDate,
  input: { followUp: FollowUpKey; smokedSinceDay14: boolean; smokedPast7Days: boolean; cigarettesSinceDay14: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const attempt = await activeAttemptFor(tx, userId);
    if (!attempt) throw new DomainError("not-found", "errors:notFound.title");
    const due = dueFollowUps(attempt.quitDate, today, []).map((f) => f.key);
    if (!due.includes(input.followUp)) throw new DomainError("conflict", "journey:errors.followUpNotDue");
    await tx
      .insert(outcomeFollowUps)
      .values({ attemptId: attempt.id, userId, ...input })
      .onConflictDoNothing();
  });
  await afterJourneyEvent(db, userId);
}

/** Every attempt with its length, longest streak and outcome answers: two queries. */
export async function attemptHistory(db: Database, userId: string, today: LocalDate) {
  const attempts = await db.select().from(quitAttempts).where(eq(quitAttempts.userId, userId)).orderBy(desc(quitAttempts.attemptNumber));
  const outcomes = await db.select().from(outcomeFollowUps).where(eq(outcomeFollowUps.userId, userId));
  return attempts.map((a) => {
    const end = a.endedOn ?? today;
    return {
      id: a.id,
      attemptNumber: a.attemptNumber,
      status: a.status,
      quitDate: a.quitDate,
      endedOn: a.endedOn,
      endReason: a.endReason,
      lengthDays: Math.max(0, daysBetween(a.quitDate, end)),
      longestStreakDays: a.longestStreakDays,
      outcomes: outcomes
        .filter((o) => o.attemptId === a.id)
        .map((o) => ({
          followUp: o.followUp,
          smokedSinceDay14: o.smokedSinceDay14,
          smokedPast7Days: o.smokedPast7Days,
          cigarettesSinceDay14: o.cigarettesSinceDay14,
          answeredAt: o.answeredAt.toISOString(),
        })),
    };
  });
}

/** One attempt of the member's own, or a 404. */
export async function attemptById(db: Database, userId: string, id: string): Promise<AttemptRow> {
  const [row] = await db
    .select()
    .from(quitAttempts)
    .where(and(eq(quitAttempts.id, id), eq(quitAttempts.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}
