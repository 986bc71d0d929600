import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiCoachConsents, aiCoachMessages, aiCoachThreads, coachAssignments, conversations, messages } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { giveConsent, liveConsent, withdrawConsent } from "~/modules/ai-coach/coach.server";
import { openHandoff } from "~/modules/ai-coach/handoffs.server";
import { grantConsent, requireConsent } from "~/modules/journey/consent.server";
import { channelsFor, defaultNotificationPreferences, notificationKinds } from "~/modules/notifications/preferences";
import { getNotificationSettings, saveNotificationSettings } from "~/modules/notifications/settings.server";
import { startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { member } from "../community/helpers";
import { withdrawConsentFor } from "~/modules/privacy/consents.server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** The privacy centre's consent list: each item's name and text, tags stripped. */
async function consentItems(browser: { get(path: string): Promise<Response> }): Promise<string[]> {
  const html = await (await browser.get("/app/privacy")).text();
  const section = /<section aria-labelledby="consents-heading"[\s\S]*?<\/section>/.exec(html)![0];
  return [...section.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

describe("the consents the privacy centre lists", () => {
  it("shows email by default, SMS only with a number, the external provider and coach access from the AI coach agreement", async () => {
    const { user, browser } = await member(server.url);
    let items = await consentItems(browser);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/^Emails .*Our default settings.*For: Milestones and badges, Weekly summary, Your coach, Coaching sessions/);

    const channels = { ...defaultNotificationPreferences.channels, sessions: ["in-app", "sms"] as ("in-app" | "sms")[] };
    await saveNotificationSettings(testDb(), user.id, { ...defaultNotificationPreferences, channels }, "+84901234567");
    await testDb().insert(aiCoachConsents).values({ userId: user.id, provider: "api.example.com", shareWithCoach: true });
    items = await consentItems(browser);
    expect(items.map((i) => i.split(" ")[0])).toEqual(["The", "Sending", "Your", "Emails", "Text"]);
    expect(items[1]).toContain("written by api.example.com");
    expect(items[3]).toContain("For: Milestones and badges, Weekly summary, Your coach");
    expect(items[3]).not.toContain("Coaching sessions");
    expect(items[4]).toContain("For: Coaching sessions");
    expect(items.join(" ")).not.toMatch(/research/i);

    // Withdrawing: the AI coach agreement ends both of its parts; no email kind and no number end email and SMS.
    await testDb().execute(sql`update ai_coach_consents set withdrawn_at = now() where user_id = ${user.id}`);
    const none = Object.fromEntries(Object.keys(channels).map((k) => [k, ["in-app"]])) as typeof defaultNotificationPreferences.channels;
    await saveNotificationSettings(
      testDb(),
      user.id,
      { ...defaultNotificationPreferences, channels: { ...none, sessions: ["in-app", "sms"] } },
      null,
    );
    items = await consentItems(browser);
    expect(items.filter((i) => i.includes("withdrawn")).length).toBe(3);
    expect(items.find((i) => i.startsWith("Emails"))).toMatch(/Turned off/);
    expect(items.find((i) => i.startsWith("Text"))).toMatch(/Turned off/);
    expect(items.join(" ")).not.toContain("For:");
  });

  it("names no external provider when the AI coach runs offline", async () => {
    const { user, browser } = await member(server.url);
    await testDb().insert(aiCoachConsents).values({ userId: user.id, provider: "offline" });
    const items = await consentItems(browser);
    expect(items.map((i) => i.split(" ")[0])).toEqual(["The", "Emails"]);
  });

  it("withdraws each consent from its own button in the centre, with its effect, and refuses an unknown purpose", async () => {
    const { user, browser } = await member(server.url);
    await grantConsent(testDb(), user.id);
    await testDb().insert(aiCoachConsents).values({ userId: user.id, provider: "api.example.com", shareWithCoach: true });
    const page = await (await browser.get("/app/privacy")).text();
    for (const name of ["Keeping your health data", "The AI coach", "Your coach reading your AI conversations", "Emails"])
      expect(page).toContain(`aria-label="Withdraw: ${name}"`);
    const withdraw = (purpose: string) => browser.post("/app/privacy", { intent: "withdraw-consent", purpose });

    expect((await withdraw("research")).status).toBe(400);

    // Coach access alone: the AI coach agreement stays, the conversation is no longer shared on handoff.
    expect((await withdraw("coach-access")).status).toBe(200);
    expect(await liveConsent(testDb(), user.id)).toMatchObject({ shareWithCoach: false });

    expect((await withdraw("health-data")).status).toBe(200);
    await expect(requireConsent(testDb(), user.id)).rejects.toThrow();

    expect((await withdraw("email")).status).toBe(200);
    const { preferences } = await getNotificationSettings(testDb(), user.id);
    const emailed = notificationKinds.filter((kind) => channelsFor(preferences, kind).includes("email"));
    expect(emailed.sort()).toEqual(["billing", "security"]);

    const answer = await withdraw("ai-coach");
    expect(answer.status).toBe(200);
    expect(await liveConsent(testDb(), user.id)).toBeNull();
    // Twice is the same as once.
    expect((await withdraw("ai-coach")).status).toBe(200);

    const items = await consentItems(browser);
    expect(items.find((i) => i.startsWith("Keeping"))).toMatch(/withdrawn/);
    expect(items.find((i) => i.startsWith("The AI coach"))).toMatch(/withdrawn/);
    expect(items.find((i) => i.startsWith("Emails"))).toMatch(/Turned off/);
    expect(items.join(" ")).not.toContain("Withdraw Change");
  });

  it("shows a withdrawn coach access as withdrawn, with its date, even after a new AI coach agreement; the coach gets no words", async () => {
    const { user, browser } = await member(server.url);
    const coach = await createUser(testDb(), { role: "coach" });
    await testDb().insert(coachAssignments).values({ memberId: user.id, coachId: coach.id, source: "admin" });
    await giveConsent(testDb(), user.id, "api.example.com", { shareWithCoach: true, shareForReview: false });
    const coachAccess = async () => (await consentItems(browser)).find((i) => i.startsWith("Your coach reading"));
    expect(await coachAccess()).toMatch(/given/);

    const withdrawnAt = new Date("2026-03-04T09:30:00Z");
    await withdrawConsentFor(testDb(), user.id, "coach-access", withdrawnAt);
    // Twice keeps the first date.
    await withdrawConsentFor(testDb(), user.id, "coach-access", new Date("2026-03-05T09:30:00Z"));
    const item = await coachAccess();
    expect(item).toContain("withdrawn");
    expect(item).toMatch(/Mar 4, 2026/);
    expect(item).not.toMatch(/Mar 5, 2026/);
    expect(item).not.toContain("Withdraw Change");
    const page = await (await browser.get("/app/privacy")).text();
    expect(page).not.toContain(`aria-label="Withdraw: Your coach reading your AI conversations"`);
    // The AI coach agreement itself is still given.
    expect((await consentItems(browser)).find((i) => i.startsWith("The AI coach"))).toMatch(/given/);

    // A new agreement without the box: the old withdrawal is still what the centre shows for coach access.
    await withdrawConsent(testDb(), user.id);
    await giveConsent(testDb(), user.id, "offline");
    expect(await coachAccess()).toMatch(/withdrawn.*Mar 4, 2026/);
    expect((await consentItems(browser)).find((i) => i.startsWith("Sending"))).toMatch(/withdrawn/);

    // Its effect: a handoff now gives the coach a summary, not the member's words.
    const [thread] = await testDb().insert(aiCoachThreads).values({ userId: user.id, title: "Evenings" }).returning();
    await testDb()
      .insert(aiCoachMessages)
      .values({ threadId: thread!.id, userId: user.id, role: "member", kind: "question", locale: "en", body: "My secret evening worry" });
    await testDb().transaction((tx) => openHandoff(tx, { userId: user.id, threadId: thread!.id, reason: "requested" }));
    const posted = await testDb()
      .select({ body: messages.body })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(conversations.memberId, user.id), eq(messages.fromAiCoach, true)));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toContain("Handed over by the AI coach");
    expect(posted[0]!.body).not.toContain("My secret evening worry");
  });

  it("shows coach access withdrawn with the agreement's date when the whole AI coach agreement is withdrawn", async () => {
    const { user, browser } = await member(server.url);
    await giveConsent(testDb(), user.id, "api.example.com", { shareWithCoach: true, shareForReview: false });
    await withdrawConsent(testDb(), user.id, new Date("2026-02-10T12:00:00Z"));
    const items = await consentItems(browser);
    for (const name of ["The AI coach", "Sending", "Your coach reading"])
      expect(
        items.find((i) => i.startsWith(name)),
        name,
      ).toMatch(/withdrawn.*Feb 10, 2026/);
  });
});
