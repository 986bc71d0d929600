// Usage: npx tsx tests/bench/backup.ts
//   BENCH_MEMBERS=100000 (default) members of report history besides the demo seed; BENCH_MEMBERS=0 measures the demo seed only.
// Backup (pg_dump custom format, compressed) and restore (pg_restore into a new, empty database) times, the way
// `npm run db:backup` / `db:restore` run them, at demo scale and at BENCH_MEMBERS members.
import "./env";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { runMigrations } from "#db/migrate.server";
import { seedDemoData } from "#db/seed/demo";
import { generateReportHistory } from "#db/seed/report-history";
import { createBackup, folderTarget, restoreBackup } from "~/modules/backups/backup.server";
import { startToolsCluster } from "../setup/pg-cluster";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { heading, recordResults } from "./harness";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const cluster = await startToolsCluster();
const folder = mkdtempSync(path.join(tmpdir(), "quitpath-bench-backups-"));
const admin = connect(cluster.urlOf("postgres"), { max: 1, onnotice: () => {} });
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Row = { scale: string; generateMs: number; rows: number; dbBytes: number; backupMs: number; backupBytes: number; restoreMs: number };

async function measure(name: string, scale: string, fill: (url: string) => Promise<void>): Promise<Row> {
  await admin.unsafe(`create database ${name}`);
  const url = cluster.urlOf(name);
  await runMigrations(url);
  const client = connect(url, { max: 1, onnotice: () => {} });
  for (const statement of await pendingSchemaChanges()) await client.unsafe(statement);
  let began = performance.now();
  await fill(url);
  const generateMs = performance.now() - began;
  await client`vacuum analyze`;
  const [size] = await client<{ bytes: number; rows: number }[]>`select pg_database_size(current_database())::float8 as bytes,
    (select coalesce(sum(n_live_tup), 0)::float8 from pg_stat_user_tables) as rows`;
  await client.end();
  const backup = await createBackup(url, folderTarget(path.join(folder, name)), { keep: 1, tools: cluster.tools });
  await admin.unsafe(`drop database ${name} with (force)`);
  began = performance.now();
  await admin.unsafe(`create database ${name}_restored`);
  await restoreBackup(cluster.urlOf(`${name}_restored`), folderTarget(path.join(folder, name)), "latest", { tools: cluster.tools });
  const restoreMs = performance.now() - began;
  await admin.unsafe(`drop database ${name}_restored with (force)`);
  const row = { scale, generateMs, rows: size!.rows, dbBytes: size!.bytes, backupMs: backup.ms, backupBytes: backup.bytes, restoreMs };
  console.log(row);
  return row;
}

const rows: Row[] = [];
try {
  rows.push(
    await measure("bench_demo", "demo seed (with history)", async (url) => {
      const db = createDb(url, 2);
      await seedDemoData(db, { history: true });
      await db.$client.end();
    }),
  );
  if (MEMBERS > 0)
    rows.push(
      await measure("bench_members", `demo seed + ${MEMBERS.toLocaleString("en")} members of report history`, async (url) => {
        const db = createDb(url, 4);
        await seedDemoData(db, { history: false });
        await generateReportHistory(db, {
          members: MEMBERS,
          coaches: Math.max(5, Math.round(MEMBERS / 1000)),
          now: new Date(),
          domain: "bench.test",
        });
        await db.$client.end();
      }),
    );
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const largest = rows.at(-1)!;
  const perGb = (largest.restoreMs / 1000 / (largest.dbBytes / 1024 ** 3)) * 1;
  recordResults(
    "backup",
    [
      "## Backup and restore",
      "",
      heading("npx tsx tests/bench/backup.ts"),
      "",
      `Server: ${cluster.where}; pg_dump --format=custom --compress=6 into a folder, then the database dropped and pg_restore --single-transaction into a new, empty one (the restore time includes creating it). The drill test (tests/integration/platform/restore-drill.test.ts) checks every table's rows and checksum after the same steps.`,
      "",
      "| data | rows | database | generate | backup | dump size | restore |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.scale} | ${Math.round(r.rows).toLocaleString("en")} | ${mb(r.dbBytes)} | ${s(r.generateMs)} | ${s(r.backupMs)} | ${mb(r.backupBytes)} | ${s(r.restoreMs)} |`,
      ),
      "",
      `Restore runs at about ${perGb.toFixed(0)} s per GB of database here (largest row); against the RTO target of 30 minutes that is ~${((30 * 60) / perGb).toFixed(0)} GB restorable on this 2-core machine (a linear extrapolation beyond the largest size measured). See docs/operations.md "Backups and restore".`,
    ].join("\n"),
  );
} finally {
  await admin.end();
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
}
