import { sql } from "drizzle-orm";
import { preparedRows, type Database } from "#db/client.server";
import type { AttemptRow } from "./attempts.server";
import type { FollowUpKey } from "./outcomes";
import type { QuitPlan } from "./plan";
import { CONSENT_PURPOSE_VERSION, type ProfileRow } from "./profile";

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
  const rows = await preparedRows<{ state: Json }>(
    db,
    sql`
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
    ) as state`,
  );
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
