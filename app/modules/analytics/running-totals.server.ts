import { sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { ANY_DIMENSION, ANY_TEXT } from "#db/schema";
import { MEASURES, measureSql } from "./measures";

/**
 * The cumulative rollups (report_success_totals, report_retention_totals): per-member rollup rows
 * (report_attempts, report_members) summed into running totals by day for every combination of
 * their dimensions, each one value or ANY. A full rebuild sums every row; an incremental run adds
 * the difference the dirty members made (their rows after the run minus before it) to the running
 * totals from the first day it touched, and drops the rows that no longer mark a day with a row,
 * so both leave the same rows. A member erased between runs leaves no rows to diff (their per-member
 * rows go with the account): the key of everything then counts more than the per-member table holds,
 * and that table is summed again in full.
 */

type Totals = {
  table: string;
  /** The per-member table the totals sum, and its alias in `facts`. */
  source: string;
  day: string;
  /** Each key column with its ANY value as an SQL literal. */
  keys: { column: string; any: string }[];
  /** Each summed column with its value per source row (alias `a`); the first counts rows (> 0 on a day with rows). */
  values: { column: string; value: SQL; zeroUnder?: string }[];
};

const ANY_UUID = `'${ANY_DIMENSION}'::uuid`;
const ANY_STRING = `'${ANY_TEXT}'`;
const flag = (condition: SQL) => sql`case when ${condition} then 1 else 0 end`;

const SUCCESS: Totals = {
  table: "report_success_totals",
  source: "report_attempts",
  day: "quit_date",
  keys: [
    { column: "package_id", any: ANY_UUID },
    { column: "coach_id", any: ANY_UUID },
    { column: "language", any: ANY_STRING },
    { column: "currency", any: ANY_STRING },
  ],
  values: [
    { column: "attempts", value: sql`1` },
    ...MEASURES.flatMap(({ key }) => {
      const m = measureSql(key);
      return [
        { column: `answered${key}`, value: flag(m.answered) },
        { column: `abstinent${key}`, value: flag(sql`${m.answered} and ${m.abstinent}`) },
        { column: `co_verified${key}`, value: flag(sql`${m.answered} and ${m.abstinent} and ${m.co} is not null`) },
      ];
    }),
    { column: "cigarettes_avoided", value: sql`a.cigarettes_avoided::bigint` },
    // Money of different currencies is never added up: under ANY currency it is 0.
    { column: "money_saved_minor", value: sql`a.money_saved_minor::bigint`, zeroUnder: "currency" },
  ],
};

const RETENTION: Totals = {
  table: "report_retention_totals",
  source: "report_members",
  day: "signed_up_on",
  keys: [
    { column: "package_id", any: ANY_UUID },
    { column: "coach_id", any: ANY_UUID },
    { column: "language", any: ANY_STRING },
  ],
  values: [
    { column: "members", value: sql`1` },
    { column: "retained30", value: flag(sql`a.retained30`) },
    { column: "retained60", value: flag(sql`a.retained60`) },
    { column: "retained90", value: flag(sql`a.retained90`) },
  ],
};

export const RUNNING_TOTALS = [SUCCESS, RETENTION] as const;

const raw = (s: string) => sql.raw(s);
const list = (names: string[], prefix = "") => raw(names.map((n) => prefix + n).join(", "));
const keyNames = (t: Totals) => t.keys.map((k) => k.column);
const valueNames = (t: Totals) => t.values.map((v) => v.column);
const sameKey = (t: Totals, a: string, b: string) =>
  raw(
    keyNames(t)
      .map((k) => `${a}.${k} = ${b}.${k}`)
      .join(" and "),
  );

/** The source rows (of the dirty members only, or all) as day, keys and values. */
function facts(t: Totals, dirtyOnly: boolean): SQL {
  return sql`select a.${raw(t.day)} as day, ${list(keyNames(t), "a.")}, ${sql.join(
    t.values.map((v) => sql`${v.value} as ${raw(v.column)}`),
    sql`, `,
  )} from ${raw(t.source)} a ${dirtyOnly ? sql`where a.user_id in (select id from dirty_members)` : sql``}`;
}

/** `facts` (with a `sign`) summed per day for every combination of the keys, ANY where a key is rolled up. */
function cubed(t: Totals, rows: SQL, sign: boolean): SQL {
  const keys = t.keys.map((k) => sql`coalesce(f.${raw(k.column)}, ${raw(k.any)}) as ${raw(k.column)}`);
  const sums = t.values.map((v) => {
    const sum = sign ? sql`sum(f.sign * f.${raw(v.column)})` : sql`sum(f.${raw(v.column)})`;
    return v.zeroUnder
      ? sql`case when grouping(f.${raw(v.zeroUnder)}) = 1 then 0 else ${sum} end as ${raw(v.column)}`
      : sql`${sum} as ${raw(v.column)}`;
  });
  // The source's keys are never null, so a null here is always a rolled-up key.
  return sql`select f.day, ${sql.join(keys, sql`, `)}, ${sql.join(sums, sql`, `)} from (${rows}) f group by f.day, cube(${list(keyNames(t), "f.")})`;
}

/** Every running total again from the whole source table. */
async function rebuildTotals(tx: Database, t: Totals): Promise<void> {
  await tx.execute(sql`delete from ${raw(t.table)}`);
  const running = valueNames(t).map((v) => `sum(c.${v}) over w as ${v}`);
  await tx.execute(sql`insert into ${raw(t.table)} (${list(keyNames(t))}, ${raw(t.day)}, ${list(valueNames(t))})
    select ${list(keyNames(t), "c.")}, c.day, ${raw(running.join(", "))}
    from (${cubed(t, facts(t, false), false)}) c
    window w as (partition by ${list(keyNames(t), "c.")} order by c.day)`);
}

/** Before the dirty members' per-member rows are recomputed: what they added to the totals until now. */
export async function captureBefore(tx: Database): Promise<void> {
  for (const t of RUNNING_TOTALS) await tx.execute(sql`create temp table ${raw(`${t.table}_before`)} on commit drop as ${facts(t, true)}`);
}

/** Rebuilds every running total (after a full rebuild of the per-member rollups). */
export async function rebuildRunningTotals(tx: Database): Promise<number> {
  let rows = 0;
  for (const t of RUNNING_TOTALS) {
    await rebuildTotals(tx, t);
    rows += await countRows(tx, t);
  }
  return rows;
}

/** After the dirty members' per-member rows were recomputed (captureBefore first): the totals follow them. */
export async function catchUpRunningTotals(tx: Database): Promise<number> {
  let rows = 0;
  for (const t of RUNNING_TOTALS) {
    await applyDifference(tx, t);
    if (await lostRows(tx, t)) await rebuildTotals(tx, t);
    rows += await countRows(tx, t);
  }
  return rows;
}

async function countRows(tx: Database, t: Totals): Promise<number> {
  const [r] = (await tx.execute(sql`select count(*)::int as n from ${raw(t.table)}`)) as unknown as { n: number }[];
  return r?.n ?? 0;
}

async function applyDifference(tx: Database, t: Totals): Promise<void> {
  const delta = raw(`${t.table}_delta`);
  const table = raw(t.table);
  const keys = keyNames(t);
  const values = valueNames(t);
  const signed = sql`select *, 1 as sign from (${facts(t, true)}) after union all select *, -1 from ${raw(`${t.table}_before`)}`;
  const changed = raw(values.map((v) => `${v} <> 0`).join(" or "));
  // The difference per key and day, and its running sum with the day the next difference starts.
  await tx.execute(sql`create temp table ${delta} on commit drop as
    select d.*, ${raw(values.map((v) => `sum(d.${v}) over w as sum_${v}`).join(", "))},
      coalesce(lead(d.day) over w, 'infinity'::date) as next_day
    from (select * from (${cubed(t, signed, true)}) c where ${changed}) d
    window w as (partition by ${list(keys, "d.")} order by d.day)`);
  // A day the key had no row for gets one, carrying the key's total before it; the update below adds the difference.
  await tx.execute(sql`insert into ${table} (${list(keys)}, ${raw(t.day)}, ${list(values)})
    select ${list(keys, "d.")}, d.day, ${raw(values.map((v) => `coalesce(p.${v}, 0)`).join(", "))}
    from ${delta} d
    left join lateral (select * from ${table} p where ${sameKey(t, "p", "d")} and p.${raw(t.day)} < d.day
      order by p.${raw(t.day)} desc limit 1) p on true
    where not exists (select 1 from ${table} x where ${sameKey(t, "x", "d")} and x.${raw(t.day)} = d.day)`);
  await tx.execute(sql`update ${table} t set ${raw(values.map((v) => `${v} = t.${v} + d.sum_${v}`).join(", "))}
    from ${delta} d where ${sameKey(t, "t", "d")} and t.${raw(t.day)} >= d.day and t.${raw(t.day)} < d.next_day`);
  // A row marks a day on which the key has source rows: where its count no longer rises, there are none left.
  const first = values[0]!;
  await tx.execute(sql`delete from ${table} t using (
      select ${list(keys, "x.")}, x.${raw(t.day)} as day, x.${raw(first)} as n, lag(x.${raw(first)}) over (partition by ${list(keys, "x.")} order by x.${raw(t.day)}) as before
      from ${table} x where (${list(keys, "x.")}) in (select distinct ${list(keys)} from ${delta})) s
    where ${sameKey(t, "t", "s")} and t.${raw(t.day)} = s.day and s.n = coalesce(s.before, 0)`);
}

/** Whether the key of everything counts more rows than the source holds (rows deleted with an account since the last run). */
async function lostRows(tx: Database, t: Totals): Promise<boolean> {
  const anyKey = raw(t.keys.map((k) => `t.${k.column} = ${k.any}`).join(" and "));
  const [r] = (await tx.execute(sql`select
      coalesce((select t.${raw(valueNames(t)[0]!)} from ${raw(t.table)} t where ${anyKey} order by t.${raw(t.day)} desc limit 1), 0) as totals,
      (select count(*) from ${raw(t.source)}) as source`)) as unknown as { totals: number | string; source: number | string }[];
  return Number(r!.totals) !== Number(r!.source);
}
