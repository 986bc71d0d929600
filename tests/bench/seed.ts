// Seed data for benchmarks that need realistic pages: a member with two years of journey history
// (as tests/bench/journey.ts seeds it) and a community of posts, reactions and comments (as
// tests/bench/community.ts does, at a size of your choosing).
import { sql } from "drizzle-orm";
import { connect } from "#db/connect.server";
import { type Db } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { proposePlan } from "~/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { pendingSchemaChanges } from "../setup/schema-drift";

/** A member in Ho Chi Minh City, quit 300 days ago, with 730 days of logs and 10,000 cravings. */
export async function seedDashboardMember(db: Db) {
  const { user, cookie } = await createSignedInUser(db, {
    displayName: "Bench Member",
    timeZone: "Asia/Ho_Chi_Minh",
    locale: "vi",
    currency: "VND",
  });
  const today = localDate(new Date(), user.timeZone);
  const start = addDays(today, -729);
  const quitDate = addDays(today, -300);
  const plan = proposePlan({
    cigarettesPerDay: 20,
    ftndScore: 6,
    ftndBand: "high",
    triggers: ["coffee", "stress", "alcohol"],
    customTriggers: [],
    reasons: ["Sức khỏe"],
    today: addDays(quitDate, -14),
  });
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into health_consents (user_id, purpose_version) values (${user.id}, ${CONSENT_PURPOSE_VERSION})`);
    await tx.execute(sql`insert into smoking_profiles (user_id, cigarettes_per_day, years_smoked, cigarettes_per_pack, pack_price_minor, currency, triggers, reasons, ftnd_answers, ftnd_score, hsi_score)
      values (${user.id}, 20, 12, 20, 35000, 'VND', '{coffee,stress,alcohol}', '{"Sức khỏe"}', '{}'::jsonb, 6, 4)`);
    await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, ended_on, end_reason)
      values (${user.id}, 1, 'relapsed', ${start}, 20, 20, 35000, 'VND', ${addDays(start, 60)}, 'relapse-detected')`);
    await tx.execute(sql`insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency, created_at)
      values (${user.id}, 2, 'active', ${quitDate}, 20, 20, 35000, 'VND', ${quitDate}::date - 14)`);
    await tx.execute(sql`insert into plan_revisions (attempt_id, user_id, revision, plan)
      select id, user_id, 1, ${JSON.stringify(plan)}::jsonb from quit_attempts where user_id = ${user.id} and status = 'active'`);
    // Two years of days: smoking most days before the quit date, an occasional slip after it, check-ins on smoke-free days.
    await tx.execute(sql`insert into cigarette_logs (user_id, local_date, count, trigger)
      select ${user.id}, d::date, case when d::date < ${quitDate}::date then 10 + (extract(doy from d)::int % 10) else 1 end,
             (array['coffee','stress','alcohol'])[1 + (extract(doy from d)::int % 3)]
      from generate_series(${start}::date, ${today}::date, interval '1 day') d
      where d::date < ${quitDate}::date or extract(doy from d)::int % 37 = 0`);
    await tx.execute(sql`insert into craving_logs (user_id, local_date, intensity, trigger, resisted, coping)
      select ${user.id}, ${start}::date + (i % 730), 1 + (i % 10), (array['coffee','stress','alcohol','after-meals','boredom'])[1 + (i % 5)], i % 4 <> 0, 'delay-and-distract'
      from generate_series(1, 10000) i`);
    await tx.execute(sql`insert into mood_logs (user_id, local_date, mood)
      select ${user.id}, d::date, 1 + (extract(doy from d)::int % 5) from generate_series(${start}::date, ${today}::date, interval '1 day') d`);
    // The rollup, built from the detailed logs exactly as the app maintains it.
    await tx.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood)
      select ${user.id}, d::date,
        coalesce((select sum(count) from cigarette_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
        coalesce((select count(*) from craving_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
        coalesce((select count(*) filter (where resisted) from craving_logs c where c.user_id = ${user.id} and c.local_date = d::date), 0),
        d::date >= ${quitDate}::date and not exists (select 1 from cigarette_logs c where c.user_id = ${user.id} and c.local_date = d::date),
        1 + (extract(doy from d)::int % 5)
      from generate_series(${start}::date, ${today}::date, interval '1 day') d`);
    await tx.execute(sql`analyze`);
  });
  return { user, cookie };
}

/** `posts` posts by 10,000 members, five reactions and two comments each; the viewer reacted to a few of the newest. */
export async function seedCommunity(databaseUrl: string, posts: number, viewerId: string): Promise<void> {
  const POSTS = posts;
  const REACTIONS_PER_POST = 5;
  const COMMENTS_PER_POST = 2;
  const MEMBERS = 10_000;
  const pg = connect(databaseUrl, { max: 1, onnotice: () => {} });
  const step = (_label: string, work: () => Promise<unknown>) => work();
  try {
    for (const statement of await pendingSchemaChanges()) await pg.unsafe(statement);
    await pg.unsafe(`set synchronous_commit = off; set session_replication_role = replica`);
    await step(`${MEMBERS} members with quit attempts`, () =>
      pg.unsafe(`
        insert into users (id, email, display_name, time_zone, created_at)
        select md5('member' || g)::uuid, 'bench' || g || '@example.test', 'Member ' || g,
          (array['Asia/Ho_Chi_Minh', 'Europe/London', 'America/New_York'])[1 + g % 3], now() - interval '90 days'
        from generate_series(1, ${MEMBERS}) g;
        insert into quit_attempts (user_id, attempt_number, status, quit_date, baseline_per_day, cigarettes_per_pack, pack_price_minor, currency)
        select md5('member' || g)::uuid, 1, 'active', current_date - (g % 300), 15, 20, 30000, 'VND' from generate_series(1, ${MEMBERS}) g;
        insert into daily_totals (user_id, local_date, cigarettes)
        select md5('member' || g)::uuid, current_date - (g % 40), g % 3 from generate_series(1, ${MEMBERS}) g;`),
    );
    await step(`${POSTS.toLocaleString("en")} posts`, () =>
      pg.unsafe(`
        insert into community_posts (id, author_id, body, kind, tags, anonymous, status, search_document, comment_count, support_count, celebrate_count, hug_count, created_at)
        select md5('post' || g)::uuid, md5('member' || (1 + g % ${MEMBERS}))::uuid,
          jsonb_build_object('version', 1, 'kind', 'post', 'text', t.text, 'imageIds', '[]'::jsonb, 'tags', jsonb_build_array(t.tag)),
          'post', array[t.tag], g % 17 = 0, case when g % 101 = 0 then 'hidden'::community_content_status else 'visible' end,
          to_tsvector('simple', t.text || ' ' || t.tag), ${COMMENTS_PER_POST}, 2, 2, 1, now() - g * interval '30 seconds'
        from generate_series(1, ${POSTS}) g,
          lateral (select (array['Day ' || g % 365 || ' without cigarettes, cai thuoc that kho nhung dang gia',
                                 'Cravings after coffee are the worst part. Any **tips**? Post ' || g,
                                 'Hom nay toi da khong hut thuoc ' || g % 90 || ' ngay. Cam on moi nguoi!'])[1 + g % 3] as text,
                          (array['cravings', 'milestones', 'tips', 'support'])[1 + g % 4] as tag) t`),
    );
    await step(`${(POSTS * REACTIONS_PER_POST).toLocaleString("en")} reactions`, () =>
      pg.unsafe(`
        insert into community_reactions (post_id, user_id, type)
        select md5('post' || g)::uuid, md5('member' || (1 + (g * 7 + i) % ${MEMBERS}))::uuid,
          (array['support', 'support', 'celebrate', 'celebrate', 'hug'])[i]::community_reaction_type
        from generate_series(1, ${POSTS}) g, generate_series(1, ${REACTIONS_PER_POST}) i`),
    );
    await step(`${(POSTS * COMMENTS_PER_POST).toLocaleString("en")} comments`, () =>
      pg.unsafe(`
        insert into community_comments (post_id, author_id, text, created_at)
        select md5('post' || g)::uuid, md5('member' || (1 + (g * 13 + i) % ${MEMBERS}))::uuid, 'Keep going! You can do it.', now() - g * interval '30 seconds' + i * interval '1 minute'
        from generate_series(1, ${POSTS}) g, generate_series(1, ${COMMENTS_PER_POST}) i`),
    );
    // The viewer reacted to some of the newest posts, so "your reactions" has something to find.
    await pg.unsafe(`
      insert into community_reactions (post_id, user_id, type)
      select md5('post' || g)::uuid, '${viewerId}'::uuid, 'hug' from generate_series(1, 40, 3) g;
      update community_posts set hug_count = hug_count + 1 where id in (select md5('post' || g)::uuid from generate_series(1, 40, 3) g);`);
    await pg.unsafe(`set session_replication_role = origin`);
    // VACUUM too, so autovacuum does not wake up on the fresh tables in the middle of the measurements.
    await pg.unsafe(`vacuum analyze`);
  } finally {
    await pg.end();
  }
}
