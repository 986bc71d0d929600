import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { connect } from "#db/connect.server";
import type { Env } from "~/lib/env.server";
import { s3Bucket, s3SettingsFrom, type S3Bucket } from "~/modules/storage/s3.server";
import { findPgTools, type PgTools } from "./tools.server";

const run = promisify(execFile);

/** A backup's name sorts by when it was taken: quitpath-20261201T023000Z.dump. */
export function backupName(at: Date): string {
  return `quitpath-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.dump`;
}
const BACKUP_NAME = /^quitpath-\d{8}T\d{6}Z\.dump$/;

/** Where backups are kept: a folder, or a bucket under a prefix. */
export interface BackupTarget {
  readonly description: string;
  save(name: string, file: string): Promise<void>;
  /** Names of the backups kept, oldest first. */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
  /** A local copy of one backup, for pg_restore. */
  fetch(name: string, intoDir: string): Promise<string>;
}

export function folderTarget(dir: string): BackupTarget {
  return {
    description: `folder ${path.resolve(dir)}`,
    async save(name, file) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Copied under a temporary name, then renamed: a half-written file never looks like a backup.
      copyFileSync(file, path.join(dir, `.${name}.partial`));
      renameSync(path.join(dir, `.${name}.partial`), path.join(dir, name));
    },
    async list() {
      try {
        return readdirSync(dir)
          .filter((n) => BACKUP_NAME.test(n))
          .sort();
      } catch {
        return [];
      }
    },
    async remove(name) {
      rmSync(path.join(dir, name), { force: true });
    },
    async fetch(name) {
      return path.join(dir, name);
    },
  };
}

export function s3Target(bucket: S3Bucket, prefix: string): BackupTarget {
  return {
    description: `s3://${bucket.settings.bucket}/${prefix}`,
    async save(name, file) {
      await bucket.putFile(`${prefix}${name}`, file, "application/octet-stream");
    },
    async list() {
      return (await bucket.list(prefix))
        .map((o) => o.key.slice(prefix.length))
        .filter((n) => BACKUP_NAME.test(n))
        .sort();
    },
    async remove(name) {
      await bucket.delete(`${prefix}${name}`);
    },
    async fetch(name, intoDir) {
      const file = path.join(intoDir, name);
      await bucket.getToFile(`${prefix}${name}`, file);
      return file;
    },
  };
}

/** The target the environment configures: BACKUP_DIR by default, S3_BUCKET under BACKUP_S3_PREFIX with BACKUP_TARGET=s3. */
export function configuredBackupTarget(
  e: Pick<
    Env,
    | "BACKUP_TARGET"
    | "BACKUP_DIR"
    | "BACKUP_S3_PREFIX"
    | "S3_BUCKET"
    | "S3_REGION"
    | "S3_ENDPOINT"
    | "AWS_ACCESS_KEY_ID"
    | "AWS_SECRET_ACCESS_KEY"
  >,
): BackupTarget {
  return e.BACKUP_TARGET === "s3" ? s3Target(s3Bucket(s3SettingsFrom(e)), e.BACKUP_S3_PREFIX) : folderTarget(e.BACKUP_DIR);
}

/** The connection pieces for libpq tools: the password goes in the environment, never on the command line. */
function libpqArgs(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, PGPASSWORD: password } };
}

export async function serverMajor(databaseUrl: string): Promise<number> {
  const sql = connect(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(row!.v) / 10000);
  } finally {
    await sql.end();
  }
}

export type BackupResult = { name: string; bytes: number; ms: number; removed: string[]; target: string };

/**
 * Dumps the database (pg_dump custom format, compressed, one consistent snapshot) into the
 * target, then keeps only the `keep` newest backups there.
 */
export async function createBackup(
  databaseUrl: string,
  target: BackupTarget,
  options: { keep: number; pgBinDir?: string; now?: Date; tools?: PgTools },
): Promise<BackupResult> {
  const started = performance.now();
  const tools = options.tools ?? (await findPgTools(await serverMajor(databaseUrl), options.pgBinDir));
  const scratch = mkdtempSync(path.join(tmpdir(), "quitpath-backup-"));
  try {
    const name = backupName(options.now ?? new Date());
    const file = path.join(scratch, name);
    const { dbname, env } = libpqArgs(databaseUrl);
    await run(tools.pgDump, ["--format=custom", "--compress=6", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${dbname}`], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    const bytes = statSync(file).size;
    await target.save(name, file);
    const removed = await pruneBackups(target, options.keep);
    return { name, bytes, ms: performance.now() - started, removed, target: target.description };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Keeps the `keep` newest backups (by the time in their names); returns the names removed. */
export async function pruneBackups(target: BackupTarget, keep: number): Promise<string[]> {
  const names = await target.list();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await target.remove(name);
  return old;
}

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

/**
 * Restores a backup into an empty database (no tables in any schema of ours): restoring over
 * live data would mix two histories, so a non-empty target is refused before anything runs.
 * One transaction: a failed restore leaves the database as empty as it was.
 */
export async function restoreBackup(
  databaseUrl: string,
  target: BackupTarget,
  name: string | "latest",
  options: { pgBinDir?: string; tools?: PgTools } = {},
): Promise<{ name: string; ms: number }> {
  const started = performance.now();
  const names = await target.list();
  const chosen = name === "latest" ? names.at(-1) : names.find((n) => n === name);
  if (!chosen)
    throw new RestoreRefused(name === "latest" ? `No backup in ${target.description}` : `No backup named ${name} in ${target.description}`);
  const sql = connect(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where c.relkind in ('r', 'p') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'`;
    if (row!.n > 0) throw new RestoreRefused(`The target database is not empty (${row!.n} tables): restore into a new, empty database`);
  } finally {
    await sql.end();
  }
  const tools = options.tools ?? (await findPgTools(await serverMajor(databaseUrl), options.pgBinDir));
  const scratch = mkdtempSync(path.join(tmpdir(), "quitpath-restore-"));
  try {
    const file = await target.fetch(chosen, scratch);
    const { dbname, env } = libpqArgs(databaseUrl);
    await run(tools.pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { name: chosen, ms: performance.now() - started };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
