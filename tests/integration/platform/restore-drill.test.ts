import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { runMigrations } from "#db/migrate.server";
import { seedDemoData } from "#db/seed/demo";
import { createBackup, folderTarget, restoreBackup, RestoreRefused, s3Target } from "~/modules/backups/backup.server";
import { s3Bucket } from "~/modules/storage/s3.server";
import { startToolsCluster, type ToolsCluster } from "../../setup/pg-cluster";
import { startS3 } from "../../setup/s3";
import { pendingSchemaChanges } from "../../setup/schema-drift";

let cluster: ToolsCluster;
let backups: string;
/** Why the drill cannot run here: a machine with only Node.js and npm has no pg_dump (.ci/run installs Debian's PostgreSQL). */
let unavailable: string | null = null;
beforeAll(async () => {
  try {
    cluster = await startToolsCluster(inject("postgresServerUrl"));
  } catch (error) {
    unavailable = error instanceof Error ? error.message : String(error);
    console.warn(`restore drill skipped: ${unavailable}`);
    return;
  }
  backups = mkdtempSync(path.join(tmpdir(), "quitpath-backups-"));
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  if (backups) rmSync(backups, { recursive: true, force: true });
});

async function admin<T>(work: (sql: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const sql = connect(cluster.urlOf("postgres"), { max: 1, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** A database with our schema and the demo seed (with its history), as `npm start` makes it. */
async function seededDatabase(name: string, history = true) {
  await admin((sql) => sql.unsafe(`create database ${name}`));
  const url = cluster.urlOf(name);
  await runMigrations(url);
  const client = connect(url, { max: 1, onnotice: () => undefined });
  for (const statement of await pendingSchemaChanges()) await client.unsafe(statement);
  await client.end();
  const db = createDb(url, 2);
  await seedDemoData(db, { history });
  await db.$client.end();
  return url;
}

/** Every table's row count and a checksum of its rows (order-independent), by schema-qualified name. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; checksum: string }>> {
  const sql = connect(url, { max: 1, onnotice: () => undefined });
  try {
    const tables = await sql<{ name: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' order by 1`;
    const result: Record<string, { rows: number; checksum: string }> = {};
    for (const { name } of tables) {
      const [row] = await sql.unsafe<{ rows: number; checksum: string }[]>(
        `select count(*)::int as rows, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as checksum from ${name} t`,
      );
      result[name] = row!;
    }
    return result;
  } finally {
    await sql.end();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

describe("the restore drill", () => {
  it("seeds, backs up, destroys the database, restores into a new one with every table's rows and checksum intact, and times it", async (context) => {
    if (unavailable) context.skip();
    const source = await seededDatabase("drill_source");
    const before = await fingerprint(source);
    expect(Object.keys(before).length).toBeGreaterThan(40);
    expect(before["public.users"]!.rows).toBeGreaterThan(10);

    const target = folderTarget(backups);
    const backup = await createBackup(source, target, { keep: 3, tools: cluster.tools });
    expect(backup.bytes).toBeGreaterThan(10_000);
    expect(await target.list()).toEqual([backup.name]);

    await admin((sql) => sql.unsafe("drop database drill_source with (force)"));
    const started = performance.now();
    await admin((sql) => sql.unsafe("create database drill_restored"));
    const restored = cluster.urlOf("drill_restored");
    const restore = await restoreBackup(restored, target, "latest", { tools: cluster.tools });
    const rto = performance.now() - started;
    expect(restore.name).toBe(backup.name);
    expect(await fingerprint(restored)).toEqual(before);
    console.log(
      `restore drill on ${cluster.where}: ${Object.keys(before).length} tables, ${Object.values(before).reduce((n, t) => n + t.rows, 0)} rows; ` +
        `backup ${seconds(backup.ms)} (${(backup.bytes / 1024).toFixed(0)} KB), restore ${seconds(restore.ms)}, new database to verified-ready ${seconds(rto)}`,
    );

    // A second restore over the restored data is refused before anything runs.
    await expect(restoreBackup(restored, target, "latest", { tools: cluster.tools })).rejects.toThrow(RestoreRefused);
    expect(await fingerprint(restored)).toEqual(before);
  }, 600_000);

  it("keeps only the N newest backups, in a folder and in S3, and restores the newest from S3", async (context) => {
    if (unavailable) context.skip();
    const source = await seededDatabase("drill_retention", false);
    const s3 = await startS3("quitpath-backups");
    try {
      for (const target of [folderTarget(path.join(backups, "retention")), s3Target(s3Bucket(s3.settings), "nightly/")]) {
        const names = [];
        for (const day of [1, 2, 3, 4]) {
          const now = new Date(`2026-11-0${day}T19:00:00Z`);
          names.push((await createBackup(source, target, { keep: 2, now, tools: cluster.tools })).name);
        }
        expect(await target.list()).toEqual(names.slice(2));
      }
      const fromS3 = s3Target(s3Bucket(s3.settings), "nightly/");
      await admin((sql) => sql.unsafe("create database drill_from_s3"));
      const restored = await restoreBackup(cluster.urlOf("drill_from_s3"), fromS3, "latest", { tools: cluster.tools });
      expect(restored.name).toBe("quitpath-20261104T190000Z.dump");
      expect(await fingerprint(cluster.urlOf("drill_from_s3"))).toEqual(await fingerprint(source));
      await expect(
        restoreBackup(cluster.urlOf("drill_from_s3"), fromS3, "quitpath-20261101T190000Z.dump", { tools: cluster.tools }),
      ).rejects.toThrow(/No backup named/);
    } finally {
      await s3.close();
    }
  }, 600_000);
});
