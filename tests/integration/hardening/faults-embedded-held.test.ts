import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runServerToExit, startServerProcess } from "../../setup/processes";
import { waitFor } from "./faults-helpers";

// Already covered in platform/embedded-postgres.test.ts: a data folder held by a cluster the test
// process started, a stale postmaster.pid naming an unrelated process, a folder the postgres user cannot enter.
const dir = path.resolve(".data", `faults-held-${randomBytes(4).toString("hex")}`);
const embedded = { DATABASE_URL: "", EMBEDDED_POSTGRES_DIR: dir, LOG_LEVEL: "warn" };
let postmaster: number | null = null;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  if (postmaster && isRunning(postmaster)) {
    process.kill(postmaster, "SIGINT");
    await waitFor(() => !isRunning(postmaster!), 20_000, "the left-over PostgreSQL to stop");
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The non-empty lines a process printed. */
const lines = (output: string) => output.split("\n").filter((line) => line.trim() !== "");

describe("a second start on the same embedded data folder", () => {
  it("says in one line what holds the folder and what to do: a running server, or a PostgreSQL an earlier start left behind", async () => {
    const first = await startServerProcess({ ...embedded, SEED_DEMO_DATA: "off" });
    postmaster = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(isRunning(postmaster)).toBe(true);

    // While the first server runs: it is named, with how to stop it.
    const whileRunning = await runServerToExit({ ...embedded, NODE_ENV: "production" });
    expect(whileRunning.code).toBe(1);
    expect(lines(whileRunning.output)).toEqual([expect.stringContaining(`started by another QuitPath server (pid ${first.child.pid}`)]);
    expect(whileRunning.output).toContain(`kill ${first.child.pid}`);
    expect(whileRunning.output).not.toContain("undefined");

    // The first server is killed without a chance to stop its database: the PostgreSQL stays behind.
    await first.stop("SIGKILL");
    expect(isRunning(postmaster)).toBe(true);
    const leftOver = await runServerToExit({ ...embedded, NODE_ENV: "production" });
    expect(leftOver.code).toBe(1);
    expect(lines(leftOver.output)).toEqual([expect.stringContaining("left running by an earlier start")]);
    expect(leftOver.output).toContain(`kill ${postmaster}`);
    expect(leftOver.output).not.toMatch(/^\s+at /m);

    // Doing what the line says works: the left-over database stops cleanly and the next start serves, data intact.
    process.kill(postmaster, "SIGTERM");
    await waitFor(() => !isRunning(postmaster!), 20_000, "the left-over PostgreSQL to stop");
    const again = await startServerProcess({ ...embedded, SEED_DEMO_DATA: "off" });
    try {
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 90_000);
});
