import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, badges } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { DomainError } from "~/lib/domain-error";
import { adminBadgeCatalogue, badgeForEditing, saveBadge, setBadgeActive } from "~/modules/badges/admin.server";
import { ensureBadgeCatalogue } from "~/modules/badges/awards.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
  server = await startTestServer();
});
afterAll(async () => server.close());

const notFound = (pending: Promise<unknown>) =>
  expect(pending).rejects.toSatisfy((e) => e instanceof DomainError && e.kind === "not-found");

describe("the admin's badge catalogue", () => {
  it("lists every badge in catalogue order with its name in the admin's language and how often it was awarded", async () => {
    const db = testDb();
    const [week] = await db.select().from(badges).where(eq(badges.key, "smoke-free-1-week"));
    for (let i = 0; i < 2; i++) {
      const member = await createUser(db);
      await db.insert(badgeAwards).values({ userId: member.id, badgeId: week!.id });
    }
    const english = await adminBadgeCatalogue(db, "en");
    const vietnamese = await adminBadgeCatalogue(db, "vi");
    const all = await db.select().from(badges);
    expect(english).toHaveLength(all.length);
    const sorted = [...all].sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key)).map((b) => b.key);
    expect(english.map((b) => b.key)).toEqual(sorted);
    expect(english.find((b) => b.key === "smoke-free-1-week")).toMatchObject({ name: week!.nameEn, awarded: 2, rule: week!.rule });
    expect(vietnamese.find((b) => b.key === "smoke-free-1-week")?.name).toBe(week!.nameVi);
    expect(english.filter((b) => b.key !== "smoke-free-1-week").every((b) => b.awarded === 0)).toBe(true);
  });

  it("finds a badge to edit by id; a malformed or unknown id is not found, on the page a 404", async () => {
    const db = testDb();
    const [first] = await db.select().from(badges).limit(1);
    expect((await badgeForEditing(db, first!.id)).key).toBe(first!.key);
    await notFound(badgeForEditing(db, "not-a-uuid"));
    await notFound(badgeForEditing(db, randomUUID()));
    await notFound(badgeForEditing(db, undefined));

    const { cookie } = await createSignedInUser(db, { role: "admin" });
    const admin = new Browser(server.url, cookie);
    expect((await admin.get(`/admin/badges/${first!.id}`)).status).toBe(200);
    expect((await admin.get(`/admin/badges/${randomUUID()}`)).status).toBe(404);
    expect((await admin.get("/admin/badges/not-a-uuid")).status).toBe(404);
    // 36 characters that only look like a uuid are refused before Postgres sees them (it would answer with an error, a 500).
    for (const lookalike of ["-".repeat(36), "a".repeat(36)]) {
      expect((await admin.get(`/admin/badges/${lookalike}`)).status, lookalike).toBe(404);
      expect((await admin.get(`/app/badges/${lookalike}`)).status, lookalike).toBe(404);
      expect((await admin.get(`/share/badge/${lookalike}`)).status, lookalike).toBe(404);
    }
  });

  it("saves a badge's texts and rule, switches it on and off, and refuses an unknown badge", async () => {
    const db = testDb();
    const [first] = await db.select().from(badges).limit(1);
    const input = {
      nameEn: "Renamed",
      nameVi: "Đổi tên",
      descriptionEn: "New words.",
      descriptionVi: "Lời mới.",
      icon: "calendar" as const,
      rule: { kind: "smoke-free-days" as const, days: 9 },
      active: true,
    };
    await saveBadge(db, first!.id, input);
    expect((await badgeForEditing(db, first!.id)).rule).toEqual({ kind: "smoke-free-days", days: 9 });
    await setBadgeActive(db, first!.id, false);
    expect((await badgeForEditing(db, first!.id)).active).toBe(false);
    await notFound(saveBadge(db, randomUUID(), input));
    await notFound(saveBadge(db, "nope", input));
    await notFound(setBadgeActive(db, randomUUID(), true));
  });
});
