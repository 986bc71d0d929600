import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request } from "node:http";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { createSignedInUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { runServerToExit, startServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";

describe("start-up and shutdown", () => {
  it("stops start-up with one readable line per bad configuration value", async () => {
    const { code, output } = await runServerToExit({
      PORT: "eighty",
      NODE_ENV: "production",
      SESSION_SECRET: "too-short",
      DATABASE_URL: "mysql://nope",
    });
    expect(code).toBe(1);
    expect(output).toContain("Invalid configuration");
    expect(output).toMatch(/PORT .*number/i);
    expect(output).toContain("SESSION_SECRET must be at least 32 characters");
    expect(output).toContain("DATABASE_URL must be a postgres:// connection URL");
    expect(output).not.toContain("mysql://nope");
    expect(output).not.toContain("too-short");
  });

  it("says in one line when no session secret is given and none can be kept", async () => {
    // A data folder below a plain file cannot be created, even by root.
    const file = path.join(tmpdir(), `quitpath-not-a-folder-${process.pid}`);
    writeFileSync(file, "");
    const { code, output } = await runServerToExit({
      NODE_ENV: "production",
      SESSION_SECRET: "",
      DATA_DIR: path.join(file, "data"),
    }).finally(() => rmSync(file));
    expect(code).toBe(1);
    expect(output).toContain("SESSION_SECRET is unset and none could be kept in DATA_DIR");
    expect(output).not.toMatch(/^\s+at /m);
  });

  it("finishes in-flight requests, closes the pool and exits 0 on SIGTERM", async () => {
    const server = await startServerProcess({ LOG_LEVEL: "info" });
    const { user } = await createSignedInUser(testDb());
    const body = new URLSearchParams({ intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD }).toString();
    const { port } = new URL(server.url);
    // A sign-in whose body is still arriving when the signal comes: it is in flight, and must complete.
    const answer = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/login",
          headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => void server.child.kill("SIGTERM"), 300);
      setTimeout(() => req.end(body.slice(10)), 600);
    });
    expect(await answer.catch((e) => `${e} ${server.output()}`)).toBe(302);
    const code = await server.stop("SIGTERM");
    expect(code).toBe(0);
    expect(server.output()).toContain("stopped");
  });

  it("answers from several HTTP processes, replaces one that dies, and stops them all on SIGTERM", async () => {
    const server = await startServerProcess({ WEB_CONCURRENCY: "2", LOG_LEVEL: "info" });
    const httpProcesses = () => childPids(server.child.pid!);
    try {
      const first = httpProcesses();
      expect(first).toHaveLength(2);
      expect((await fetch(`${server.url}/bare`)).status).toBe(200);
      process.kill(first[0]!, "SIGKILL");
      const deadline = Date.now() + 20_000;
      while (!(httpProcesses().length === 2 && !httpProcesses().includes(first[0]!)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const replaced = httpProcesses();
      expect(replaced).toHaveLength(2);
      expect(replaced).not.toContain(first[0]);
      for (let i = 0; i < 6; i++) expect((await fetch(`${server.url}/bare`)).status).toBe(200);
    } finally {
      const survivors = httpProcesses();
      expect(await server.stop("SIGTERM")).toBe(0);
      for (const pid of survivors) expect(isRunning(pid), `HTTP process ${pid} outlived the primary`).toBe(false);
    }
    expect(server.output()).toContain("an HTTP process exited");
  });

  it("has a committed migration for every schema change", () => {
    expect(inject("schemaDrift"), "run `npm run db:generate` and commit the migration").toEqual([]);
  });
});

/** The processes a process started (Linux: /proc/<pid>/task/<pid>/children). */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
