// Usage: npx tsx tests/bench/privacy-export.ts [--scale=N]   (N times the history; only N = 1 is written to RESULTS.md)
// Time and peak memory of one member's data export (the build-data-export job): two years of logs, 1,000 messages, 100 posts.
import "./env";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { buildExport, requestExport } from "~/modules/privacy/export.server";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { machine, recordResults, startBenchDatabase } from "./harness";

const SCALE = Math.max(1, Number(process.argv.find((a) => a.startsWith("--scale="))?.slice(8) ?? 1) || 1);
const DAYS = 730 * SCALE;
const MESSAGES = 1_000 * SCALE;
const POSTS = 100 * SCALE;

const database = await startBenchDatabase("privacy-export");
const admin = connect(database.url, { max: 1, onnotice: () => {} });
const db = createDb(database.url, 4);
try {
  // Schema changes not yet in a migration (this branch), as the test setup applies them.
  const [ready] = await admin`select to_regclass('account_inactivity') is not null as ok`;
  if (!ready?.ok) for (const statement of await pendingSchemaChanges()) await admin.unsafe(statement);

  const [member] = await admin`insert into users (email, display_name) values ('export-bench@example.test', 'Bench Member') returning id`;
  const [coach] =
    await admin`insert into users (email, display_name, role) values ('coach-bench@example.test', 'Bench Coach', 'coach') returning id`;
  const me = member!.id as string;
  await admin`insert into health_consents (user_id, purpose_version) values (${me}, 'v1')`;
  await admin.unsafe(`
    insert into daily_totals (user_id, local_date, cigarettes, cravings, cravings_resisted, checked_in, mood)
    select '${me}', current_date - d, d % 3, 3, 2, true, 1 + d % 5 from generate_series(0, ${DAYS - 1}) d;
    insert into cigarette_logs (user_id, local_date, count, trigger, place, mood)
    select '${me}', current_date - d, 1 + d % 3, 'coffee', 'home', 1 + d % 5 from generate_series(0, ${DAYS - 1}) d;
    insert into craving_logs (user_id, local_date, intensity, trigger, resisted, coping)
    select '${me}', current_date - d, 1 + (d * 7 + k) % 10, 'stress', k <> 0, 'a walk around the block'
    from generate_series(0, ${DAYS - 1}) d cross join generate_series(0, 2) k;
    insert into mood_logs (user_id, local_date, mood, note)
    select '${me}', current_date - d, 1 + d % 5, 'a day like any other, some cravings after lunch' from generate_series(0, ${DAYS - 1}) d;
    insert into community_posts (author_id, body, kind, search_document, created_at)
    select '${me}', jsonb_build_object('version', 1, 'kind', 'post', 'text', repeat('Another smoke-free week, thank you all. ', 10), 'imageIds', '[]'::jsonb, 'tags', '[]'::jsonb),
           'post', to_tsvector('simple', 'smoke free week'), now() - (i || ' days')::interval
    from generate_series(1, ${POSTS}) i;`);
  const [assignment] = await admin`
    insert into coach_assignments (member_id, coach_id, source) values (${me}, ${coach!.id}, 'bench') returning id`;
  const [conversation] = await admin`
    insert into conversations (assignment_id, member_id, coach_id) values (${assignment!.id}, ${me}, ${coach!.id}) returning id`;
  await admin.unsafe(`
    insert into messages (conversation_id, seq, sender_id, client_id, body)
    select '${conversation!.id}', i, '${me}', gen_random_uuid(), repeat('How do I get through the evening cravings? ', 4)
    from generate_series(1, ${MESSAGES}) i`);
  const [counts] = await admin`
    select (select count(*) from daily_totals)::int + (select count(*) from cigarette_logs)::int
         + (select count(*) from craving_logs)::int + (select count(*) from mood_logs)::int as logs,
           (select count(*) from messages)::int as messages, (select count(*) from community_posts)::int as posts`;

  const runs: { ms: number; peakRssMb: number; peakHeapMb: number; bytes: number }[] = [];
  for (let round = 0; round < 3; round++) {
    // Each round starts as a first export would: no earlier archive.
    await admin`delete from stored_files where id in (select file_id from data_exports)`;
    await admin`delete from data_exports`;
    const { id } = await requestExport(db, me);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    let peakRss = baseRss;
    let peakHeap = baseHeap;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const started = process.hrtime.bigint();
    await buildExport(db, id);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    const [row] = await admin`select byte_size from data_exports where id = ${id}`;
    runs.push({ ms, peakRssMb: (peakRss - baseRss) / 1e6, peakHeapMb: (peakHeap - baseHeap) / 1e6, bytes: row!.byte_size as number });
    console.log(`round ${round + 1}`, runs.at(-1));
  }
  const median = <T>(values: T[], key: (v: T) => number) => values.map(key).sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const markdown = `## Data export of one member (issue 17)

Command: \`npx tsx tests/bench/privacy-export.ts\` — ${new Date().toISOString().slice(0, 10)}, ${machine()}.
Fresh embedded Postgres; one member with ${DAYS} days (two years) of daily totals, cigarette, craving (3 a day) and mood logs
(${counts!.logs.toLocaleString("en")} log rows), ${counts!.messages.toLocaleString("en")} chat messages and ${counts!.posts} posts, seeded in SQL.
Timed: \`buildExport(db, id)\` (the \`build-data-export\` job): each exported table read through a server-side cursor in
batches of 500 rows (twice: data.json, then its CSV), deflated entry by entry into a temporary file, the compressed archive read
back and stored, the row marked ready and the member notified. Peak memory is sampled every 5 ms
above the process's size before the job (RSS and V8 heap). Median of ${runs.length} runs.

| archive | time | peak RSS above start | peak heap above start |
|---:|---:|---:|---:|
| ${(median(runs, (r) => r.bytes) / 1e6).toFixed(2)} MB | ${median(runs, (r) => r.ms).toFixed(0)} ms | ${median(runs, (r) => r.peakRssMb).toFixed(1)} MB | ${median(runs, (r) => r.peakHeapMb).toFixed(1)} MB |

Rows are never all in memory: only one batch and the compressor's window are. The finished, compressed archive is read back
whole, because the default file store keeps bytes in Postgres (bytea). \`--scale=5\` (five times the history) prints the same
table without recording it, to compare.
`;
  console.log(markdown);
  if (SCALE === 1) recordResults("privacy-export", markdown);
} finally {
  await db.$client.end();
  await admin.end();
  await database.stop();
}
