import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountDeletions, dataExports, erasureReceipts, users, type User } from "#db/schema";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { DEMO_PASSWORD, seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";
import { MEMBER_COLUMNS, exportedTables } from "~/modules/privacy/member-data";
import { buildExport } from "~/modules/privacy/export.server";
import { eraseDueAccounts, ERASURE_GRACE_DAYS, requestErasure } from "~/modules/privacy/erasure.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { fileStorage } from "~/modules/storage/storage.server";
import { readZip } from "./zip-reader";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(testDb());
}, 180_000);
afterAll(async () => server.close());

type Row = Record<string, unknown>;
const q = async <T = Row>(query: ReturnType<typeof sql>) => (await testDb().execute(query)) as unknown as T[];

/** Every (table, column) the database itself says points at users.id, plus users.id. */
async function foreignKeysToUsers(): Promise<string[]> {
  const rows = await q<{ t: string; c: string }>(sql`
    select cl.relname as t, a.attname as c
    from pg_constraint k join pg_class cl on cl.oid = k.conrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
    where k.contype = 'f' and k.confrelid = 'users'::regclass`);
  return ["users.id", ...rows.map((r) => `${r.t}.${r.c}`)].sort();
}

/** How many rows of each (table, column) name the person. */
async function rowsNaming(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const key of await foreignKeysToUsers()) {
    const [table, column] = key.split(".") as [string, string];
    const [row] = await q<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${userId}::uuid`,
    );
    if (row!.n > 0) counts[key] = row!.n;
  }
  return counts;
}

/** Every public table whose rows, read as text, contain the needle anywhere (JSON payloads, keys, bodies). */
async function tablesMentioning(needle: string): Promise<string[]> {
  const tables = await q<{ t: string }>(sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`);
  const found: string[] = [];
  for (const { t } of tables) {
    const [row] = await q<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(t)} x where position(lower(${needle}) in lower(x::text)) > 0`,
    );
    if (row!.n > 0) found.push(t);
  }
  return found;
}

async function signedIn(user: User) {
  const session = await createSession(testDb(), user.id, "test");
  return new Browser(server.url, session.setCookie.split(";")[0]!);
}

/** The demo member with rows in the most member tables: the richest history to export and erase. */
async function richestMember(): Promise<User> {
  const members = await testDb().select().from(users).where(eq(users.role, "member"));
  let best: { user: User; tables: number } | null = null;
  for (const user of members) {
    const tables = Object.keys(await rowsNaming(user.id)).length;
    if (!best || tables > best.tables) best = { user, tables };
  }
  return best!.user;
}

describe("the member-data registry", () => {
  it("names every foreign key to users, and nothing else, so a new table cannot skip export and erasure", async () => {
    const registered = MEMBER_COLUMNS.map((c) => `${c.table}.${c.column}`).sort();
    expect(registered).toEqual(await foreignKeysToUsers());
  });
});

describe("download my data", () => {
  it("asks for the password, builds one archive in a job, and hands it to its owner only", async () => {
    const member = await richestMember();
    // Which demo member is richest depends on the day the seed ran; the assertions below read English.
    await testDb().update(users).set({ locale: "en" }).where(eq(users.id, member.id));
    const other = await createUser(testDb(), { displayName: "Someone Else Entirely" });
    const browser = await signedIn(member);

    const wrong = await browser.post("/app/privacy", { intent: "request-export", password: "not my password" });
    expect(wrong.status).toBe(422);
    const empty = await browser.post("/app/privacy", { intent: "request-export", password: "" });
    expect(empty.status).toBe(400);
    expect(await testDb().select().from(dataExports).where(eq(dataExports.userId, member.id))).toHaveLength(0);

    const asked = await browser.post("/app/privacy", { intent: "request-export", password: DEMO_PASSWORD });
    expect(asked.status).toBe(200);
    const again = await browser.post("/app/privacy", { intent: "request-export", password: DEMO_PASSWORD });
    expect(again.status).toBe(409);
    const [exported] = await testDb().select().from(dataExports).where(eq(dataExports.userId, member.id));
    expect(exported!.status).toBe("queued");
    expect(await (await browser.get("/app/privacy")).text()).toContain("Being prepared");

    // What the database holds for them when the job runs (the job's own notice and file come after).
    const held = new Map<string, number>();
    for (const { table, columns } of exportedTables()) {
      const matches = sql.join(
        columns.map((c) => sql`${sql.identifier(c)} = ${member.id}::uuid`),
        sql` or `,
      );
      const [row] = await q<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where ${matches}`);
      held.set(table, row!.n);
    }
    expect(await buildExport(testDb(), exported!.id)).toEqual({ built: true });
    expect(await buildExport(testDb(), exported!.id)).toEqual({ built: false });
    const [ready] = await testDb().select().from(dataExports).where(eq(dataExports.id, exported!.id));
    expect(ready!.status).toBe("ready");
    expect(ready!.expiresAt!.getTime() - ready!.completedAt!.getTime()).toBe(7 * 24 * 3600 * 1000);
    const [notice] = await q<{ n: number }>(
      sql`select count(*)::int as n from email_outbox where user_id = ${member.id}::uuid and subject like '%ready to download%'`,
    );
    expect(notice!.n).toBe(1);

    const stranger = await signedIn(other);
    expect((await stranger.get(`/resources/data-exports/${exported!.id}`)).status).toBe(404);
    expect((await new Browser(server.url).get(`/resources/data-exports/${exported!.id}`)).status).toBe(302);

    const download = await browser.get(`/resources/data-exports/${exported!.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    const archive = Buffer.from(await download.arrayBuffer());
    const entries = readZip(archive);
    const data = JSON.parse(entries.get("data.json")!.toString("utf8")) as { tables: Record<string, Row[]> };
    const schema = JSON.parse(entries.get("schema.json")!.toString("utf8")) as { tables: Record<string, unknown[]> };

    // Every row the database holds that names the member is in the archive, table by table.
    let tablesWithRows = 0;
    for (const [table, n] of held) {
      expect(data.tables[table], table).toHaveLength(n);
      if (n > 0) {
        tablesWithRows++;
        expect(entries.has(`csv/${table}.csv`), table).toBe(true);
        expect(schema.tables[table], table).toBeDefined();
      }
    }
    expect(tablesWithRows).toBeGreaterThanOrEqual(15);
    const text = entries.get("data.json")!.toString("utf8");
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("$argon2id$");
    const [{ downloads }] = (await q<{ downloads: number }>(
      sql`select download_count as downloads from data_exports where id = ${exported!.id}::uuid`,
    )) as [{ downloads: number }];
    expect(downloads).toBe(1);

    // Any unzip tool reads it too.
    if (existsSync("/usr/bin/unzip")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "export-")), "export.zip");
      writeFileSync(file, archive);
      expect(execFileSync("/usr/bin/unzip", ["-tq", file]).toString()).toContain("No errors");
    }

    // After seven days the link is dead.
    await testDb()
      .update(dataExports)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(dataExports.id, exported!.id));
    expect((await browser.get(`/resources/data-exports/${exported!.id}`)).status).toBe(404);
  }, 120_000);
});

describe("delete my account", () => {
  it("asks for the password and a confirmation, signs out, and signing in during the grace period calls it off", async () => {
    const member = await createUser(testDb(), {});
    const browser = await signedIn(member);
    expect((await browser.post("/app/privacy", { intent: "request-erasure", password: "wrong", understood: "on" })).status).toBe(422);
    expect((await browser.post("/app/privacy", { intent: "request-erasure", password: DEFAULT_TEST_PASSWORD })).status).toBe(400);
    expect(await testDb().select().from(accountDeletions).where(eq(accountDeletions.userId, member.id))).toHaveLength(0);

    const asked = await browser.post("/app/privacy", { intent: "request-erasure", password: DEFAULT_TEST_PASSWORD, understood: "on" });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toMatch(/^\/login\?erasure=/);
    const [pending] = await testDb().select().from(accountDeletions).where(eq(accountDeletions.userId, member.id));
    expect(pending!.eraseAfter.getTime() - pending!.requestedAt.getTime()).toBe(ERASURE_GRACE_DAYS * 24 * 3600 * 1000);
    expect((await browser.get("/app/privacy")).status).toBe(302);

    const back = new Browser(server.url);
    const signIn = await back.post("/login", { intent: "sign-in", email: member.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe("/app/privacy?erasure=cancelled");
    expect(await testDb().select().from(accountDeletions).where(eq(accountDeletions.userId, member.id))).toHaveLength(0);
    expect(await (await back.get("/app/privacy?erasure=cancelled")).text()).toContain("your account will not be deleted");
  });

  it("after the grace period erases everything but anonymised payments and a receipt, keeping posts as a former member", async () => {
    const member = await richestMember();
    const viewer = await signedIn(await createUser(testDb(), {}));
    await fileStorage(testDb()).put({ bytes: Buffer.from("a photo"), contentType: "image/png", ownerId: member.id });
    const before = await rowsNaming(member.id);
    const files = await q<{ id: string }>(sql`select id from stored_files where owner_id = ${member.id}::uuid`);
    const awards = await q<{ id: string }>(sql`select id from badge_awards where user_id = ${member.id}::uuid`);
    const posts = await q<{ id: string }>(sql`select id from community_posts where author_id = ${member.id}::uuid and status = 'visible'`);
    const payments = before["payments.user_id"] ?? 0;
    expect(posts.length).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(0);
    expect(awards.length).toBeGreaterThan(0);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(15);
    // The walk below finds the member while they exist (so its empty answer afterwards means something).
    expect((await tablesMentioning(member.id)).length).toBeGreaterThanOrEqual(15);

    const browser = await signedIn(member);
    const asked = await browser.post("/app/privacy", {
      intent: "request-erasure",
      password: DEMO_PASSWORD,
      understood: "on",
      keepPosts: "on",
    });
    expect(asked.status).toBe(302);

    // Not yet: the grace period runs.
    expect(await eraseDueAccounts(testDb(), new Date())).toEqual({ erased: 0 });
    const later = new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 24 * 3600 * 1000);
    expect(await eraseDueAccounts(testDb(), later)).toEqual({ erased: 1 });
    // A second run (a retried job) changes nothing.
    expect(await eraseDueAccounts(testDb(), later)).toEqual({ erased: 0 });

    // No row names them through any foreign key except the anonymised payments (whose link is now null).
    expect(await rowsNaming(member.id)).toEqual({});
    const [receipt] = await testDb().select().from(erasureReceipts);
    expect(receipt!.keptPosts).toBe(true);
    const [kept] = await q<{ n: number; personal: number }>(sql`
      select count(*)::int as n, count(*) filter (where card_last4 is not null or provider_invoice_id is not null)::int as personal
      from payments where id = any(${`{${receipt!.paymentIds.join(",")}}`}::uuid[]) and user_id is null`);
    expect(kept).toEqual({ n: payments, personal: 0 });
    expect(JSON.stringify(receipt)).not.toContain(member.email);

    // Nothing anywhere still carries their id or email, read as text.
    expect(await tablesMentioning(member.id)).toEqual([]);
    expect(await tablesMentioning(member.email)).toEqual([]);
    expect(await tablesMentioning(member.displayName)).toEqual([]);

    // Their files are gone from storage; their badge share pages are 404; their posts show no name.
    for (const f of files) expect((await q(sql`select 1 from stored_files where id = ${f.id}::uuid`)).length).toBe(0);
    for (const a of awards) expect((await new Browser(server.url).get(`/share/badge/${a.id}`)).status).toBe(404);
    const page = await viewer.get(`/app/community/${posts[0]!.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("A former member");
    expect(html).not.toContain(member.displayName);

    // Their sign-in fails, and the email can start again as a new person.
    const signIn = await new Browser(server.url).post("/login", {
      intent: "sign-in",
      email: member.email,
      password: DEMO_PASSWORD,
      redirectTo: "",
    });
    expect(signIn.status).toBe(401);
    // The sign-up form carries the versions of the terms and privacy notice it shows.
    const form = await (await new Browser(server.url).get("/signup")).text();
    const shown = (name: string) => form.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1];
    const signUp = await new Browser(server.url).post("/signup", {
      intent: "sign-up",
      acceptTerms: "on",
      ...(shown("termsVersion") ? { termsVersion: shown("termsVersion")! } : {}),
      ...(shown("privacyVersion") ? { privacyVersion: shown("privacyVersion")! } : {}),
      email: member.email,
      password: "a brand new passphrase",
      displayName: "New Start",
      locale: "en",
      timeZone: "UTC",
    });
    expect(signUp.status).toBe(302);
  }, 180_000);

  it("deletes the posts, comments and reactions of a member who did not keep them, and recounts others' posts", async () => {
    const member = await richestMember();
    const touched = await q<{ id: string }>(sql`
      select distinct post_id as id from community_reactions where user_id = ${member.id}::uuid
      union select post_id from community_comments where author_id = ${member.id}::uuid`);
    const browser = await signedIn(member);
    await browser.post("/app/privacy", { intent: "request-erasure", password: DEMO_PASSWORD, understood: "on" });
    await eraseDueAccounts(testDb(), new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 24 * 3600 * 1000));
    expect(await rowsNaming(member.id)).toEqual({});
    const wrong = await q(sql`
      select p.id from community_posts p where p.id in (${sql.join(
        touched.map((t) => sql`${t.id}::uuid`).concat([sql`gen_random_uuid()`]),
        sql`, `,
      )}) and (p.comment_count <> (select count(*) from community_comments c where c.post_id = p.id)
        or p.support_count + p.celebrate_count + p.hug_count <> (select count(*) from community_reactions r where r.post_id = p.id))`);
    expect(wrong).toEqual([]);
    expect(await tablesMentioning(member.id)).toEqual([]);
  }, 180_000);
});

describe("the health-data access log", () => {
  it("cannot be altered or deleted through the app's database connection, but goes with an erased member", async () => {
    const member = await createUser(testDb(), {});
    const coach = await createUser(testDb(), { role: "coach" });
    const [entry] = await q<{ id: string }>(sql`
      insert into health_data_access (member_id, viewer_id, viewer_role, what) values (${member.id}::uuid, ${coach.id}::uuid, 'coach', 'progress')
      returning id`);
    const refusal = (query: ReturnType<typeof sql>) =>
      testDb()
        .execute(query)
        .then(
          () => "accepted",
          (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
        );
    expect(await refusal(sql`update health_data_access set what = 'nothing' where id = ${entry!.id}::uuid`)).toBe(
      "health_data_access is append-only",
    );
    expect(await refusal(sql`delete from health_data_access where id = ${entry!.id}::uuid`)).toBe("health_data_access is append-only");

    const later = new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 24 * 3600 * 1000);
    await requestErasure(testDb(), coach.id, { keepPosts: false });
    expect(await eraseDueAccounts(testDb(), later)).toEqual({ erased: 1 });
    expect(await q(sql`select viewer_id, what from health_data_access where id = ${entry!.id}::uuid`)).toEqual([
      { viewer_id: null, what: "progress" },
    ]);
    await requestErasure(testDb(), member.id, { keepPosts: false });
    expect(await eraseDueAccounts(testDb(), later)).toEqual({ erased: 1 });
    expect(await q(sql`select 1 from health_data_access where id = ${entry!.id}::uuid`)).toEqual([]);
  });
});

describe("withdrawing the health-data consent", () => {
  it("offers to delete what was collected, only once the consent is withdrawn, and keeps the consent record", async () => {
    const member = await createUser(testDb(), {});
    const other = await createUser(testDb(), {});
    for (const who of [member, other]) {
      await q(sql`insert into health_consents (user_id, purpose_version) values (${who.id}::uuid, 'v1')`);
      await q(sql`insert into mood_logs (user_id, local_date, mood, note) values (${who.id}::uuid, current_date, 3, 'tired')`);
      await q(sql`insert into daily_totals (user_id, local_date, mood) values (${who.id}::uuid, current_date, 3)`);
    }
    const browser = await signedIn(member);
    expect((await browser.post("/app/consent", { intent: "delete-health-data" })).status).toBe(409);
    expect(await q(sql`select 1 from mood_logs where user_id = ${member.id}::uuid`)).toHaveLength(1);

    expect((await browser.post("/app/consent", { intent: "withdraw-consent" })).status).toBe(302);
    const page = await (await browser.get("/app/consent")).text();
    expect(page).toContain("Delete the health data you collected");
    const deleted = await browser.post("/app/consent", { intent: "delete-health-data" });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain("Your health data is deleted.");
    for (const table of ["mood_logs", "daily_totals"]) {
      expect(await q(sql`select 1 from ${sql.identifier(table)} where user_id = ${member.id}::uuid`), table).toHaveLength(0);
      expect(await q(sql`select 1 from ${sql.identifier(table)} where user_id = ${other.id}::uuid`), table).toHaveLength(1);
    }
    expect(await q(sql`select 1 from health_consents where user_id = ${member.id}::uuid and withdrawn_at is not null`)).toHaveLength(1);
  });
});

describe("the admin's privacy page", () => {
  it("lists accounts waiting to be erased and erasure receipts, for admins only", async () => {
    const member = await createUser(testDb(), { displayName: "Waiting Member" });
    await requestErasure(testDb(), member.id, { keepPosts: true });
    const admin = await signedIn(await createUser(testDb(), { role: "admin" }));
    const page = await admin.get("/admin/privacy");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Waiting Member");
    expect(html).toContain("Erasure receipts");
    expect((await (await signedIn(await createUser(testDb(), {}))).get("/admin/privacy")).status).toBe(403);
  });
});
