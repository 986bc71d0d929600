import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { motivationMessages, notifications } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { ensureMessageLibrary, sendScheduledMotivation } from "~/modules/notifications/motivation.server";
import { zonedTime } from "~/modules/notifications/schedule";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;
beforeAll(async () => {
  await ensureMessageLibrary(testDb());
  // Only admins' own messages are in use, so the test knows what a member can receive.
  await testDb().update(motivationMessages).set({ active: false });
  server = await startTestServer();
  admin = new Browser(server.url, (await createSignedInUser(testDb(), { role: "admin" })).cookie);
});
afterAll(async () => server.close());

const custom = () =>
  testDb().select().from(motivationMessages).where(like(motivationMessages.key, "custom-%")).orderBy(motivationMessages.createdAt);

describe("the motivation library's drafts, in English and Vietnamese side by side", () => {
  it("a new message is a draft that may lack one language, is never sent, and publishes only with both", async () => {
    expect((await admin.post("/admin/messages", { intent: "add-message", textEn: "", textVi: "" })).status).toBe(400);
    const added = await admin.post("/admin/messages", { intent: "add-message", textEn: "Day {{days}}: keep going, {{name}}.", textVi: "" });
    expect(added.status).toBe(200);
    const [draft] = await custom();
    expect(draft).toMatchObject({ draft: true, active: true, textVi: "" });
    const page = await added.text();
    expect(page).toContain(`aria-label="Publish message ${draft!.key}"`);
    expect(page).toMatch(/<textarea[^>]*lang="vi"/);

    const member = await createUser(testDb(), { timeZone: "UTC", locale: "en", displayName: "Sam" });
    await startQuitAttempt(testDb(), member.id, { quitDate: "2026-06-05", packPriceMinor: 900, currency: "USD" });
    const morning = (day: number) => zonedTime({ year: 2026, month: 6, day, hour: 8, minute: 0 }, "UTC");
    await sendScheduledMotivation(testDb(), morning(10));
    const encouragements = () =>
      testDb()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, member.id), eq(notifications.kind, "daily-encouragement")));
    expect(await encouragements()).toHaveLength(0);

    const refused = await admin.post("/admin/messages", { intent: "publish-message", id: draft!.id });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Write the message in both languages.");

    const saved = await admin.post("/admin/messages", {
      intent: "save-message",
      id: draft!.id,
      textEn: draft!.textEn,
      textVi: "Ngày {{days}}: cố lên, {{name}}.",
      active: "on",
    });
    expect(saved.status).toBe(200);
    expect((await admin.post("/admin/messages", { intent: "publish-message", id: draft!.id })).status).toBe(200);
    expect((await custom())[0]!.draft).toBe(false);

    await sendScheduledMotivation(testDb(), morning(11));
    const sent = await encouragements();
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.values?.body)).toContain("keep going, Sam");
  });

  it("a published message cannot lose a language; a draft can", async () => {
    const [published] = await custom();
    const emptied = await admin.post("/admin/messages", {
      intent: "save-message",
      id: published!.id,
      textEn: "Still here.",
      textVi: "",
      active: "on",
    });
    expect(emptied.status).toBe(422);
    expect((await custom())[0]!.textVi).not.toBe("");
    await admin.post("/admin/messages", { intent: "add-message", textEn: "", textVi: "Chỉ có tiếng Việt." });
    const [, draft] = await custom();
    expect(
      (await admin.post("/admin/messages", { intent: "save-message", id: draft!.id, textEn: "", textVi: "Vẫn là bản nháp.", active: "on" }))
        .status,
    ).toBe(200);
    expect(
      await testDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(motivationMessages)
        .where(eq(motivationMessages.draft, true)),
    ).toEqual([{ n: 1 }]);
  });
});
