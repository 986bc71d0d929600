import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { candidateDirs, findPgTools, type PgTools } from "~/modules/backups/tools.server";
import { serverMajor } from "~/modules/backups/backup.server";
import { connect } from "#db/connect.server";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type ToolsCluster = { urlOf: (database: string) => string; tools: PgTools; stop: () => Promise<void>; where: string };

/**
 * A PostgreSQL server that pg_dump/pg_restore on this machine can back up: the test server itself
 * when tools of its major exist, otherwise a throwaway cluster of the newest installed PostgreSQL
 * that has server and tools in one folder (Debian's postgresql-NN), on loopback, an ephemeral port.
 */
export async function startToolsCluster(testServerUrl?: string): Promise<ToolsCluster> {
  const major = testServerUrl ? await serverMajor(testServerUrl) : 17;
  try {
    if (!testServerUrl) throw new Error("no server given: start a cluster");
    const tools = await findPgTools(major, process.env.PG_BIN_DIR);
    const base = new URL(testServerUrl);
    return {
      tools,
      where: `the test server (PostgreSQL ${major})`,
      urlOf: (database) => Object.assign(new URL(base), { pathname: `/${database}` }).toString(),
      stop: async () => undefined,
    };
  } catch {
    // fall through to a cluster of a version whose tools are installed
  }
  const dir = candidateDirs(process.env.PG_BIN_DIR).find((d) =>
    ["postgres", "initdb", "pg_dump", "pg_restore"].every((p) => existsSync(path.join(d, p))),
  );
  if (!dir)
    throw new Error(
      `The restore drill needs pg_dump and pg_restore: none for PostgreSQL ${major}, and no PostgreSQL installation with server and tools together (apt-get install postgresql, or set PG_BIN_DIR)`,
    );
  const owner =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) }
      : null;
  mkdirSync(path.resolve(".data"), { recursive: true });
  const root = mkdtempSync(path.resolve(".data", "drill-"));
  const data = path.join(root, "data");
  if (owner) chownSync(root, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(path.join(dir, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"], { ...as, stdio: "ignore" });
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(dir, "postgres"),
    ["-D", data, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    { ...as, stdio: "ignore" },
  );
  // A test run that dies before stop() must not leave the cluster running.
  const orphanGuard = () => server.kill("SIGKILL");
  process.once("exit", orphanGuard);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    try {
      const sql = connect(url, { max: 1, onnotice: () => undefined });
      await sql`select 1`;
      await sql.end();
      break;
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const tools = await findPgTools(await serverMajor(url), dir);
  return {
    tools,
    where: `a throwaway PostgreSQL ${tools.major} cluster from ${dir}${testServerUrl ? ` (no pg_dump for the test server's PostgreSQL ${major} here)` : ""}`,
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      process.off("exit", orphanGuard);
      server.kill("SIGINT");
      await new Promise((r) => server.once("exit", r));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
