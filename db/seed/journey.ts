import { sql } from "drizzle-orm";
import type { Database } from "../client.server";
import { addDays, localDate } from "../../app/lib/local-date";
import { proposePlan } from "../../app/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "../../app/modules/journey/profile";
import { scoreFtnd, scoreHsi } from "../../app/modules/journey/assessment";
import { TRIGGERS } from "../../app/modules/journey/triggers";

/** A pack's price in each demo currency, in minor units. */
const packPrice: Record<string, number> = {
  VND: 35000,
  USD: 950,
  EUR: 800,
  GBP: 1450,
  AUD: 3500,
  SGD: 1500,
  JPY: 600,
  KRW: 4500,
  THB: 8000,
};

const reasonsVi = ["Vì sức khỏe của con", "Tiết kiệm tiền", "Thở dễ hơn khi chạy bộ"];
const reasonsEn = ["Be there for my kids", "Save money", "Breathe easier on runs"];

/**
 * Gives demo members a smoking profile, a plan and weeks of logs, so the dashboard has something
 * to show. Members who already have a profile are left alone (idempotent); the last two members stay
 * new so onboarding can be tried. One member relapsed and is on a second attempt; some have slips.
 */
export async function seedJourneyDemo(db: Database): Promise<void> {
  const members = await db.execute<{ id: string; email: string; time_zone: string; currency: string; locale: string }>(sql`
    select u.id, u.email, u.time_zone, u.currency, u.locale from users u
    where u.role = 'member' and u.email like '%@quitpath.test'
      and not exists (select 1 from smoking_profiles p where p.user_id = u.id)
    order by u.email`);
  const chosen = members.filter((m) => !/^member2[12]@/.test(m.email));
  if (chosen.length === 0) return;
  await db.transaction(async (tx) => {
    for (const [i, m] of chosen.entries()) {
      const today = localDate(new Date(), m.time_zone);
      const cigarettesPerDay = 8 + ((i * 7) % 23);
      const answers = {
        minutesToFirstCigarette: [5, 30, 60, 90][i % 4]!,
        difficultToRefrain: i % 2 === 0,
        hatesToGiveUp: (i % 3 === 0 ? "first-morning" : "other") as "first-morning" | "other",
        cigarettesPerDay,
        smokesMoreInMorning: i % 3 === 1,
        smokesWhenIll: i % 5 === 0,
      };
      const ftnd = scoreFtnd(answers);
      const hsi = scoreHsi(answers);
      const triggers = [TRIGGERS[i % TRIGGERS.length]!, TRIGGERS[(i + 3) % TRIGGERS.length]!, TRIGGERS[(i + 5) % TRIGGERS.length]!];
      const reasons = m.locale === "vi" ? reasonsVi : reasonsEn;
      const price = packPrice[m.currency] ?? 1000;
      const relapsedBefore = i === 2;
      const slips = i % 4 === 1;
      const quitDate = addDays(today, -(relapsedBefore ? 30 : 10 + ((i * 9) % 80)));
      const historyStart = addDays(quitDate, relapsedBefore ? -75 : -14);
      const plan = proposePlan({
        cigarettesPerDay,
        ftndScore: ftnd.score,
        ftndBand: ftnd.band,
        triggers,
        customTriggers: [],
        reasons,
        today: addDays(quitDate, -7),
      });
      const quitPlan = { ...plan, quitDate, approach: "quit-on-date", dailyTargets: [], reductionDays: 0 };

      await tx.execute(
        sql`insert into health_consents (user_id, purpose_version, granted_at) values (${m.id}, ${CONSENT_PURPOSE_VERSION}, ${historyStart}::date)`,
      );
      await tx.execute(sql`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency, triggers, reasons, ftnd_answers, ftnd_score, hsi_score)
        values (${m.id}, ${cigarettesPerDay}, ${4 + ((i * 3) % 25)}, 20, ${price}, ${m.currency}, ${`{${triggers.join(",")}}`}::text[], ${`{${reasons.map((r) => `"${r}"`).join(",")}}`}::text[],
          ${JSON.stringify({ ...answers, minutesToFirstCigarette: ["within-5", "6-30", "31-60", "after-60"][i % 4] })}::jsonb, ${ftnd.score}, ${hsi.score})`);
      if (relapsedBefore) {
        // A first attempt that ended after a week of smoking, then a second one with a fresh plan.
        const firstQuit = addDays(historyStart, 7);
        await tx.execute(sql`with a as (insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, ended_on, end_reason, longest_streak_days, created_at)
            values (${m.id}, 1, 'relapsed', ${firstQuit}, ${cigarettesPerDay}, 20, ${price}, ${m.currency}, ${addDays(firstQuit, 26)}, 'relapse-detected', 19, ${historyStart}::date) returning id)
          insert into plan_revisions (attempt_id, user_id, revision, plan, change_note) select id, ${m.id}, 1, ${JSON.stringify({ ...quitPlan, quitDate: firstQuit })}::jsonb, 'accepted' from a`);
        await tx.execute(sql`insert into cigarette_logs (user_id, local_date, count, trigger)
          select ${m.id}, d::date, 3, ${triggers[0]!} from generate_series(${addDays(firstQuit, 20)}::date, ${addDays(firstQuit, 26)}::date, interval '1 day') d`);
      }
      await tx.execute(sql`with a as (insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, created_at)
          values (${m.id}, ${relapsedBefore ? 2 : 1}, 'active', ${quitDate}, ${cigarettesPerDay}, 20, ${price}, ${m.currency}, ${addDays(quitDate, -7)}::date) returning id)
        insert into plan_revisions (attempt_id, user_id, revision, plan, change_note) select id, ${m.id}, 1, ${JSON.stringify(quitPlan)}::jsonb, ${relapsedBefore ? "after-relapse" : "accepted"} from a`);
      // Before the quit date: a usual day's smoking; after it, a slip now and then for some members.
      await tx.execute(sql`insert into cigarette_logs (user_id, local_date, count, trigger)
        select ${m.id}, d::date, greatest(1, ${cigarettesPerDay} - (extract(doy from d)::int % 4)), (${`{${triggers.join(",")}}`}::text[])[1 + extract(doy from d)::int % 3]
        from generate_series(${relapsedBefore ? addDays(quitDate, -14) : historyStart}::date, ${addDays(quitDate, -1)}::date, interval '1 day') d`);
      if (slips) {
        const slipDay = addDays(quitDate, 5);
        if (slipDay < today) {
          await tx.execute(
            sql`insert into cigarette_logs (user_id, local_date, count, trigger, place) values (${m.id}, ${slipDay}, 1, ${triggers[1]!}, ${m.locale === "vi" ? "quán cà phê" : "a party"})`,
          );
          await tx.execute(sql`insert into slip_reflections (attempt_id, user_id, local_date, trigger, what_happened, coping_strategy)
            select id, ${m.id}, ${slipDay}, ${triggers[1]!}, ${m.locale === "vi" ? "Bạn bè mời một điếu" : "A friend offered one"}, 'rehearse-refusal'
            from quit_attempts where user_id = ${m.id} and status = 'active'`);
        }
      }
      await tx.execute(sql`insert into craving_logs (user_id, local_date, intensity, trigger, resisted, coping, created_at)
        select ${m.id}, d::date, 1 + ((extract(doy from d)::int * (k + 3)) % 10), (${`{${triggers.join(",")}}`}::text[])[1 + (k + extract(doy from d)::int) % 3],
               d::date >= ${quitDate}::date, 'delay-and-distract', d
        from generate_series(${historyStart}::date, ${today}::date, interval '1 day') d, generate_series(1, 3) k
        where k <= 1 + greatest(0, 3 - ((d::date - ${quitDate}::date) / 10))`);
      await tx.execute(sql`insert into mood_logs (user_id, local_date, mood, note)
        select ${m.id}, d::date, 2 + (extract(doy from d)::int % 4), case when extract(doy from d)::int % 6 = 0 then ${m.locale === "vi" ? "Một ngày khá ổn" : "A pretty good day"} end
        from generate_series(${historyStart}::date, ${today}::date, interval '2 days') d`);
      // The rollup, from the detailed logs, exactly as the app keeps it.
      await tx.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood)
        select ${m.id}, d::date,
          coalesce((select sum(count) from cigarette_logs c where c.user_id = ${m.id} and c.local_date = d::date), 0),
          (select count(*) from craving_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          (select count(*) filter (where resisted) from craving_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          d::date >= ${quitDate}::date and d::date < ${today}::date and not exists (select 1 from cigarette_logs c where c.user_id = ${m.id} and c.local_date = d::date),
          (select mood from mood_logs x where x.user_id = ${m.id} and x.local_date = d::date limit 1)
        from generate_series(${historyStart}::date, ${today}::date, interval '1 day') d`);
      const slipDay = addDays(quitDate, 5);
      const longest =
        slips && slipDay < today
          ? Math.max(5, Math.round((Date.parse(today) - Date.parse(slipDay)) / 86_400_000) - 1)
          : Math.max(0, Math.round((Date.parse(today) - Date.parse(quitDate)) / 86_400_000) - 1);
      await tx.execute(sql`update quit_attempts set longest_streak_days = ${longest} where user_id = ${m.id} and status = 'active'`);
    }
  });
}
