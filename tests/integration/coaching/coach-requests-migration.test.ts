import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connect } from "#db/connect.server";
import { migrationsFolder, runMigrations } from "#db/migrate.server";
import { databaseUrl } from "../../setup/postgres";

// Migration 0006 moves the old coach_requests queue into coaching. This database is migrated to
// just before it, given requests in every state, then migrated the rest of the way.
const name = `coach_requests_${process.pid}`;
const admin = connect(inject("postgresServerUrl"), { max: 1, onnotice: () => {} });
const folder = mkdtempSync(path.join(tmpdir(), "quitpath-migrations-"));
afterAll(async () => {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  rmSync(folder, { recursive: true, force: true });
});

describe("migration 0006: coach requests into coaching", () => {
  it("turns accepted requests into assignments with the note as the first message, and waiting ones into match requests", async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = databaseUrl(inject("postgresServerUrl"), name);
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((entry) => entry.tag.startsWith("0006_"));
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    await runMigrations(url, folder);

    const sql = connect(url, { max: 1, onnotice: () => {} });
    try {
      const user = async (email: string, role = "member") =>
        (await sql`insert into users (email, display_name, role) values (${email}, ${email}, ${role}) returning id`)[0]!.id as string;
      const coach = await user("coach@example.test", "coach");
      const accepted = await user("accepted@example.test");
      const waiting = await user("waiting@example.test");
      const withdrawn = await user("withdrawn@example.test");
      const orphaned = await user("orphaned@example.test");
      await sql`insert into coach_requests (user_id, note, preferred_language, status, coach_id, accepted_at, created_at) values
        (${accepted}, 'I smoke most at work', 'en', 'accepted', ${coach}, '2026-11-02T09:00:00Z', '2026-11-01T09:00:00Z'),
        (${waiting}, 'Tôi hút nhiều nhất buổi tối', 'vi', 'waiting', null, null, '2026-11-03T09:00:00Z'),
        (${withdrawn}, 'Never mind', 'en', 'withdrawn', null, null, '2026-11-04T09:00:00Z'),
        (${orphaned}, 'My coach left', 'en', 'accepted', null, '2026-11-05T09:00:00Z', '2026-11-05T08:00:00Z')`;

      await runMigrations(url);

      const assignments = await sql`select member_id, coach_id, status, source, requested_at, started_at from coach_assignments`;
      expect(assignments).toHaveLength(1);
      expect(assignments[0]).toMatchObject({ member_id: accepted, coach_id: coach, status: "active", source: "request" });
      expect((assignments[0]!.requested_at as Date).toISOString()).toBe("2026-11-01T09:00:00.000Z");
      expect((assignments[0]!.started_at as Date).toISOString()).toBe("2026-11-02T09:00:00.000Z");
      const messages =
        await sql`select m.seq, m.sender_id, m.body, c.last_seq from messages m join conversations c on c.id = m.conversation_id`;
      expect(messages).toEqual([{ seq: 1, sender_id: accepted, body: "I smoke most at work", last_seq: 1 }]);
      const waitingRows = await sql`select member_id, languages, note, status from coach_match_requests order by created_at`;
      expect(waitingRows).toEqual([
        { member_id: waiting, languages: ["vi"], note: "Tôi hút nhiều nhất buổi tối", status: "waiting" },
        { member_id: orphaned, languages: ["en"], note: "My coach left", status: "waiting" },
      ]);
      expect(await sql`select to_regclass('coach_requests') as table`).toEqual([{ table: null }]);
    } finally {
      await sql.end();
    }
  });
});
