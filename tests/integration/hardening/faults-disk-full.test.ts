import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "#db/client.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";
import { cravingLogs } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { Browser } from "../../setup/app";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { PROCESS_SESSION_SECRET } from "../coaching/helpers";

// Sessions created here must verify in the server process, which signs with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

// The embedded database's folder on a small tmpfs of its own, so the test can fill that disk and only it.
// Mounting needs root (CI runs the tests as root); elsewhere the test says why it does not run.
const mountPoint = mkdtempSync(path.join(tmpdir(), "quitpath-disk-full-"));
const mounted = (() => {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=128m,mode=0755", "tmpfs", mountPoint], { stdio: "pipe" });
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()}); CI runs as root, where it can`;
  }
})();
const dataDir = path.join(mountPoint, "pg");
const filler = path.join(mountPoint, "filler");

let embedded: EmbeddedDatabase | undefined;
let server: ServerProcess | undefined;
let db: Db | undefined;

beforeAll(async () => {
  if (mounted) return;
  embedded = await startEmbeddedPostgres({ dir: dataDir });
  server = await startServerProcess({ DATABASE_URL: embedded.url, LOG_LEVEL: "warn" });
  db = createDb(embedded.url, 2);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await db?.$client.end();
  await embedded?.stop();
  if (!mounted) execFileSync("umount", ["-l", mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
}, 30_000);

/** Writes a file until the disk refuses (ENOSPC), big chunks then small, so not a page is left over. */
function fillDisk() {
  const fd = openSync(filler, "w");
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(mounted !== null)(`the embedded database's disk full${mounted ? ` (skipped: ${mounted})` : ""}`, () => {
  it("answers writes with a clear 503, keeps serving reads, and after space is freed takes writes again with every saved one intact", async () => {
    const { user, cookie } = await createSignedInUser(db!, { timeZone: "UTC" });
    const browser = new Browser(server!.url, cookie);
    const today = localDate(new Date(), "UTC");
    // A member who went through onboarding, as one would.
    await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
    await browser.post("/app/onboarding", {
      intent: "save-profile",
      ...{ cigarettesPerDay: "20", yearsSmoked: "10", cigarettesPerPack: "20", packPrice: "5.00", currency: "USD", brand: "" },
      ...{ triggers: "coffee", reasons: "My children", minutesToFirstCigarette: "6-30", difficultToRefrain: "yes" },
      ...{ hatesToGiveUp: "first-morning", smokesMoreInMorning: "no", smokesWhenIll: "no" },
    });
    const accepted = await browser.post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(today, -3) });
    expect(accepted.headers.get("location")).toBe("/app");
    let saved = 0;
    const logCraving = async () => {
      const answer = await browser.post("/app/craving", { intent: "log-craving", date: today, intensity: "6", resisted: "on" });
      if (answer.status === 200) saved++;
      return answer;
    };
    expect((await logCraving()).status).toBe(200);
    // Start a fresh WAL segment while there is room, so the fill below runs out of room for tables, not for the log.
    await db!.execute(sql`checkpoint`);
    await db!.execute(sql`select pg_switch_wal()`);
    fillDisk();

    // Each craving is a small row: the first few fill the table's last page; the one that needs a new page meets the full disk.
    let refused: Response | undefined;
    for (let i = 0; i < 2_000 && !refused; i++) {
      const answer = await logCraving();
      if (answer.status !== 200) refused = answer;
    }
    expect(refused, "a write that met the full disk").toBeDefined();
    expect(refused!.status).toBe(503);
    const page = await refused!.text();
    expect(page).toContain("Back in a moment");
    expect(page).not.toMatch(/No space left|could not extend|53100|craving_logs|insert into|at \w+ \(/i);

    // Reads need no new space: the member's pages still answer.
    const log = await browser.get("/app/log");
    expect(log.status).toBe(200);
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);

    // Space again: the very next write is taken, without restarting anything.
    rmSync(filler);
    expect((await logCraving()).status).toBe(200);

    // No acknowledged write is missing, none is doubled, and the table and its indexes read back whole.
    const rows = await db!.select().from(cravingLogs).where(eq(cravingLogs.userId, user.id));
    expect(rows).toHaveLength(saved);
    const [count] = (await db!.execute(sql`select count(*)::int as n from craving_logs`)) as unknown as { n: number }[];
    expect(count!.n).toBeGreaterThanOrEqual(saved);
    await db!.execute(sql`create extension if not exists amcheck`);
    const indexes = (await db!.execute(sql`
      select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
      where i.indrelid = 'craving_logs'::regclass and a.amname = 'btree'
    `)) as unknown as { relname: string }[];
    expect(indexes.length).toBeGreaterThan(0);
    for (const { relname } of indexes) await db!.execute(sql`select bt_index_check(${relname}::regclass, true)`);
    expect(await db!.execute(sql`select * from verify_heapam('craving_logs'::regclass)`)).toHaveLength(0);
  }, 60_000);
});
