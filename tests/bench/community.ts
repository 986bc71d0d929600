// Usage: npm run build && npx tsx tests/bench/community.ts   (a quick run: BENCH_POSTS=20000 BENCH_ROUNDS=3 BENCH_SECONDS=2)
// The community feed at scale: 1,000,000 posts, 5,000,000 reactions and 2,000,000 comments,
// warm and cold, against the external reference app and /bare in the same rounds.
import "./env";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { pendingSchemaChanges } from "../setup/schema-drift";
import {
  atLeast,
  checks,
  heading,
  measurePages,
  method,
  pageChecks,
  pagesTable,
  recordResults,
  startBenchDatabase,
  startPageServers,
} from "./harness";

const POSTS = Number(process.env.BENCH_POSTS ?? 1_000_000);
const REACTIONS_PER_POST = 5; // 5,000,000 reactions
const COMMENTS_PER_POST = 2; // 2,000,000 comments
const MEMBERS = 10_000;

const database = await startBenchDatabase("community");
const sql = connect(database.url, { max: 1, onnotice: () => {} });
const started = Date.now();
const step = async (label: string, work: () => Promise<unknown>) => {
  const at = Date.now();
  await work();
  console.log(`${label}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
};

// Any schema change not yet in a migration is applied the way the test setup does.
for (const statement of await pendingSchemaChanges()) await sql.unsafe(statement);

await sql.unsafe(`set synchronous_commit = off; set maintenance_work_mem = '512MB'; set session_replication_role = replica`);
const viewer = await createSignedInUser(createDb(database.url, 1), { displayName: "Bench Viewer" });

// Secondary indexes are built once after loading, far faster than maintaining them row by row.
const indexes = await sql<{ indexname: string; indexdef: string }[]>`
  select indexname, indexdef from pg_indexes
  where tablename in ('community_posts', 'community_comments') and indexname not like '%_pkey'`;
await step("drop secondary indexes", async () => {
  for (const index of indexes) await sql.unsafe(`drop index ${index.indexname}`);
  await sql.unsafe(`alter table community_reactions drop constraint community_reactions_post_id_user_id_type_pk`);
});

// Deterministic ids (md5 of the row number) let reactions and comments name their post without a join.
await step(`${MEMBERS} members with quit attempts`, () =>
  sql.unsafe(`
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
  sql.unsafe(`
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
  sql.unsafe(`
    insert into community_reactions (post_id, user_id, type)
    select md5('post' || g)::uuid, md5('member' || (1 + (g * 7 + i) % ${MEMBERS}))::uuid,
      (array['support', 'support', 'celebrate', 'celebrate', 'hug'])[i]::community_reaction_type
    from generate_series(1, ${POSTS}) g, generate_series(1, ${REACTIONS_PER_POST}) i`),
);
await step(`${(POSTS * COMMENTS_PER_POST).toLocaleString("en")} comments`, () =>
  sql.unsafe(`
    insert into community_comments (post_id, author_id, text, created_at)
    select md5('post' || g)::uuid, md5('member' || (1 + (g * 13 + i) % ${MEMBERS}))::uuid, 'Keep going! You can do it.', now() - g * interval '30 seconds' + i * interval '1 minute'
    from generate_series(1, ${POSTS}) g, generate_series(1, ${COMMENTS_PER_POST}) i`),
);
// The viewer reacted to some of the newest posts, so "your reactions" has something to find.
await sql.unsafe(`
  insert into community_reactions (post_id, user_id, type)
  select md5('post' || g)::uuid, '${viewer.user.id}'::uuid, 'hug' from generate_series(1, 40, 3) g;
  update community_posts set hug_count = hug_count + 1 where id in (select md5('post' || g)::uuid from generate_series(1, 40, 3) g);`);
await step("rebuild indexes and ANALYZE", async () => {
  await sql.unsafe(
    `alter table community_reactions add constraint community_reactions_post_id_user_id_type_pk primary key (post_id, user_id, type)`,
  );
  for (const index of indexes) await sql.unsafe(index.indexdef);
  await sql.unsafe(`set session_replication_role = origin`);
  // VACUUM too, so autovacuum does not wake up on the fresh tables in the middle of the measurements.
  await sql.unsafe(`vacuum analyze`);
});
const [counts] = await sql<{ posts: number; reactions: number; comments: number }[]>`
  select (select count(*) from community_posts)::int as posts, (select count(*) from community_reactions)::int as reactions, (select count(*) from community_comments)::int as comments`;
console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);

const servers = await startPageServers("community", database.url);
try {
  const check = await fetch(`${servers.warm.url}/app/community`, { headers: { cookie: viewer.cookie } });
  const html = await check.text();
  const shown = (html.match(/<form method="post" action="\/app\/community\//g) ?? []).length;
  if (check.status !== 200 || shown !== 20) throw new Error(`feed did not render 20 posts (status ${check.status}, ${shown} posts)`);
  // Reactions arriving on every post of the first page all the time: each view finds new counts,
  // so no card's remembered HTML can be reused and every card is rendered afresh.
  const firstPage = (
    await sql<{ id: string }[]>`select id from community_posts where status = 'visible' order by created_at desc, id desc limit 25`
  ).map((r) => r.id);
  const keepReacting = () => {
    let running = true;
    const loop = (async () => {
      while (running) {
        await sql`update community_posts set support_count = support_count + 1 where id = any(${firstPage}::uuid[])`;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    return async () => {
      running = false;
      await loop;
    };
  };
  const { reference, pages: rows } = await measurePages(servers, [
    { name: "bare Remix page", path: "/bare" },
    {
      name: "community feed, 20 posts with authors, counts and own reactions",
      path: "/app/community",
      cookie: viewer.cookie,
      minimum: 0.35,
    },
    {
      name: "community feed, every post's counts changing all the time (no card remembered)",
      path: "/app/community?sort=newest",
      cookie: viewer.cookie,
      meanwhile: keepReacting,
    },
    { name: "community search (accent-insensitive)", path: "/app/community?q=cai%20thuoc", cookie: viewer.cookie },
  ]);
  const feed = rows[1]!;
  const markdown = `## Community feed (issues 5 and 11)

${heading("npm run build && npx tsx tests/bench/community.ts")}
Seeded with SQL generate_series: ${counts!.posts.toLocaleString("en")} posts, ${counts!.reactions.toLocaleString("en")} reactions, ${counts!.comments.toLocaleString("en")} comments, ${MEMBERS.toLocaleString("en")} members (secondary indexes dropped during the load and rebuilt, then VACUUM ANALYZE); seeding took ${((Date.now() - started) / 1000).toFixed(0)} s including the measurements' start-up.
${method()}
A feed page is 2 SQL statements (held to ≤ 4 by tests/integration/community/feed.test.ts): the session lookup, and one statement that answers with one JSON document holding the page of posts (author, smoke-free days, denormalised counters, the viewer's own reactions) and the member's recent activity. Statements are prepared once per connection. Each card's HTML is rendered once per post, reader's view, language and time zone and then reused (\`<Remembered>\`, docs/decisions/006-remembered-feed-cards.md); the third row updates the counters of every post on the first page every few milliseconds from the benchmark process, so every card is rendered on every view.

${pagesTable(reference, rows)}

${checks([...pageChecks(rows), atLeast("`/app/community` warm, vs `/bare` (issue 5)", feed.warm.vsBaseline!, 0.5)])}
`;
  console.log(markdown);
  recordResults("community", markdown);
} finally {
  await servers.stop();
  await sql.end();
  await database.stop();
}
