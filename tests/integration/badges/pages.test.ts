import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, badges, notifications, notificationSettings } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { notify } from "~/modules/notifications/notify.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
  server = await startTestServer();
});
afterAll(async () => server.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe("badges, sharing and the notification centre", () => {
  it("shows earned and upcoming badges, shares one publicly with an og:image PNG, and a private share is a 404", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db, { displayName: "Minh <b>", timeZone: "UTC" });
    await startQuitAttempt(db, user.id, { quitDate: daysAgo(3), currency: "USD", packPriceMinor: 800 });
    const { awarded } = await evaluateMembers(db, [user.id], new Date());
    expect(awarded.length).toBeGreaterThan(0);
    const browser = new Browser(server.url, cookie);

    const list = await browser.get("/app/badges");
    const html = await list.text();
    expect(list.status).toBe(200);
    expect(html).toContain("Three days strong");
    expect(html).toContain("One week");
    expect(html).toMatch(/<progress[^>]*value="3"[^>]*max="7"/);

    const [threeDays] = await db
      .select({ id: badgeAwards.id })
      .from(badgeAwards)
      .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
      .where(and(eq(badgeAwards.userId, user.id), eq(badges.key, "smoke-free-3-days")));
    const awardId = threeDays!.id;
    expect((await new Browser(server.url).get(`/share/badge/${awardId}`)).status).toBe(404);

    expect((await browser.post(`/app/badges/${awardId}`, { intent: "share", anonymous: "on" })).status).toBe(200);
    const share = await new Browser(server.url).get(`/share/badge/${awardId}`);
    const page = await share.text();
    expect(share.status).toBe(200);
    expect(page).toContain('property="og:title" content="A QuitPath member earned “Three days strong” on QuitPath"');
    expect(page).toContain('name="twitter:card" content="summary_large_image"');
    expect(page).not.toContain("Minh");
    const image = /property="og:image" content="([^"]+)"/.exec(page)![1]!;
    const png = await fetch(`${server.url}${new URL(image.replaceAll("&amp;", "&")).pathname}`);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    // Another member cannot touch it; the owner makes it private again.
    const { cookie: otherCookie } = await createSignedInUser(db);
    expect((await new Browser(server.url, otherCookie).get(`/app/badges/${awardId}`)).status).toBe(404);
    expect((await new Browser(server.url, otherCookie).post(`/app/badges/${awardId}`, { intent: "make-private" })).status).toBe(404);
    expect((await browser.post(`/app/badges/${awardId}`, { intent: "make-private" })).status).toBe(200);
    expect((await new Browser(server.url).get(`/share/badge/${awardId}`)).status).toBe(404);
    expect((await new Browser(server.url).get(`/share/badge/${awardId}/image.png`)).status).toBe(404);
    expect((await new Browser(server.url).get(`/share/badge/not-a-uuid`)).status).toBe(404);
  });

  it("lists notifications newest first with keyset pages, marks one and all read, and the header counts unread", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db);
    for (let i = 0; i < 25; i++) {
      await notify(db, {
        userId: user.id,
        kind: "daily-encouragement",
        messageKey: "notifications:dailyEncouragement.title",
        values: { body: `message number ${i}` },
        dedupeKey: `t:${i}`,
      });
    }
    const browser = new Browser(server.url, cookie);
    const first = await (await browser.get("/app/notifications")).text();
    expect(first).toContain("message number 24");
    expect(first).not.toContain("message number 4<");
    expect(first).toMatch(/data-testid="unread-count"[^>]*>25</);
    const older = /href="(\/app\/notifications\?before=[^"]+)"/.exec(first)![1]!.replaceAll("&amp;", "&");
    const second = await (await browser.get(older)).text();
    expect(second).toContain("message number 4<");
    expect(second).not.toContain("message number 24");

    const [one] = await db.select().from(notifications).where(eq(notifications.userId, user.id)).limit(1);
    expect((await browser.post("/app/notifications", { intent: "mark-read", id: one!.id })).status).toBe(200);
    const { cookie: otherCookie } = await createSignedInUser(db);
    const [another] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .limit(1);
    await new Browser(server.url, otherCookie).post("/app/notifications", { intent: "mark-read", id: another!.id });
    expect(
      (
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      ).length,
    ).toBe(24);
    expect((await browser.post("/app/notifications", { intent: "mark-read", id: "nope" })).status).toBe(400);
    await browser.post("/app/notifications", { intent: "mark-all-read" });
    expect(await (await browser.get("/app/notifications")).text()).toMatch(/data-testid="unread-count"[^>]*>0</);
  });

  it("pages notifications written within the same millisecond without skipping any (the cursor keeps microseconds)", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db);
    // 21 notifications a microsecond apart: a cursor cut to the millisecond would lose the oldest.
    await db.execute(sql`insert into notifications (user_id, kind, payload, created_at)
      select ${user.id}::uuid, 'daily-encouragement', jsonb_build_object('messageKey', 'notifications:dailyEncouragement.title', 'values', jsonb_build_object('body', 'same-ms ' || i)),
        timestamptz '2026-11-29 10:00:00.123000+00' + i * interval '1 microsecond'
      from generate_series(0, 20) i`);
    const browser = new Browser(server.url, cookie);
    const first = await (await browser.get("/app/notifications")).text();
    expect(first).toContain("same-ms 20<");
    expect(first).toContain("same-ms 1<");
    expect(first).not.toContain("same-ms 0<");
    const older = /href="(\/app\/notifications\?before=[^"]+)"/.exec(first)![1]!.replaceAll("&amp;", "&");
    expect(decodeURIComponent(older)).toContain("10:00:00.123001");
    const second = await (await browser.get(older)).text();
    expect(second).toContain("same-ms 0<");
    expect(second).not.toContain("same-ms 1<");
    // A made-up cursor is ignored, not a 500.
    expect((await browser.get("/app/notifications?before=yesterday_x")).status).toBe(200);
  });

  it("saves notification preferences, and refuses bad times and phone numbers without a 500", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db);
    const browser = new Browser(server.url, cookie);
    const bad = await browser.post("/app/notifications/preferences", {
      intent: "save-preferences",
      encouragementFrequency: "daily",
      sendAt: "25:00",
      quietHoursEnabled: "on",
      quietHoursStart: "22:00",
      quietHoursEnd: "22:00",
    });
    expect(bad.status).toBe(400);
    const badPhone = await browser.post("/app/notifications/preferences", {
      intent: "save-preferences",
      encouragementFrequency: "daily",
      sendAt: "08:00",
      phone: "call me",
    });
    expect(badPhone.status).toBe(422);
    const body = new URLSearchParams([
      ["intent", "save-preferences"],
      ["channels.milestones", "email"],
      ["channels.milestones", "sms"],
      ["channels.weekly-summary", "in-app"],
      ["encouragementFrequency", "weekdays"],
      ["sendAt", "07:30"],
      ["phone", "+84 912 345 678"],
    ]);
    const ok = await fetch(`${server.url}/app/notifications/preferences`, {
      method: "POST",
      body,
      headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(ok.status).toBe(200);
    const [saved] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, user.id));
    expect(saved!.phone).toBe("+84 912 345 678");
    expect(saved!.preferences).toMatchObject({
      encouragementFrequency: "weekdays",
      sendAt: "07:30",
      quietHours: null,
      channels: { milestones: ["in-app", "email", "sms"], "weekly-summary": ["in-app"], security: ["in-app", "email"] },
    });
  });

  it("lets admins edit the catalogue (rules validated) and read the outbox, library and jobs; members get 403", async () => {
    const db = testDb();
    const { cookie: adminCookie } = await createSignedInUser(db, { role: "admin" });
    const { cookie: memberCookie } = await createSignedInUser(db);
    const admin = new Browser(server.url, adminCookie);
    for (const path of ["/admin/badges", "/admin/messages", "/admin/outbox", "/admin/outbox?channel=sms", "/admin/jobs"]) {
      expect((await admin.get(path)).status, path).toBe(200);
      expect((await new Browser(server.url, memberCookie).get(path)).status, path).toBe(403);
    }
    const [week] = await db.select().from(badges).where(eq(badges.key, "smoke-free-1-week"));
    const fields = {
      intent: "save-badge",
      nameEn: "A whole week",
      nameVi: "Trọn một tuần",
      descriptionEn: "Seven days.",
      descriptionVi: "Bảy ngày.",
      icon: "calendar",
      active: "on",
    };
    expect((await admin.post(`/admin/badges/${week!.id}`, { ...fields, rule: '{"kind":"smoke-free-days","days":"x"}' })).status).toBe(400);
    expect((await admin.post(`/admin/badges/${week!.id}`, { ...fields, rule: "not json" })).status).toBe(400);
    expect((await admin.post(`/admin/badges/${week!.id}`, { ...fields, rule: '{"kind":"smoke-free-days","days":8}' })).status).toBe(200);
    const [edited] = await db.select().from(badges).where(eq(badges.id, week!.id));
    expect(edited).toMatchObject({
      nameEn: "A whole week",
      nameVi: "Trọn một tuần",
      rule: { kind: "smoke-free-days", days: 8 },
      active: true,
    });
    expect((await admin.post("/admin/badges", { intent: "set-active", id: week!.id, active: "false" })).status).toBe(200);
    const [off] = await db.select().from(badges).where(eq(badges.id, week!.id));
    expect(off!.active).toBe(false);
  });
});
