import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { createContentItem, schedulePublication } from "~/modules/content/content.server";
import { pickStageReading } from "~/modules/content/suggestions";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const habits = { cigarettesPerDay: "20", yearsSmoked: "10", cigarettesPerPack: "20", packPrice: "5.00", currency: "USD", brand: "" };
const dependence = {
  minutesToFirstCigarette: "6-30",
  difficultToRefrain: "yes",
  hatesToGiveUp: "first-morning",
  smokesMoreInMorning: "no",
  smokesWhenIll: "no",
};

/** A member who went through onboarding in the real pages, quitting today. */
async function onboardedMember() {
  const { cookie } = await createSignedInUser(testDb(), { timeZone: "UTC" });
  const browser = new Browser(server.url, cookie);
  await browser.post("/app/onboarding", { intent: "consent", purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" });
  await browser.post("/app/onboarding", { intent: "profile-habits", ...habits });
  await browser.post("/app/onboarding", { intent: "save-profile", ...habits, triggers: "coffee", reasons: "My children", ...dependence });
  const accepted = await browser.post("/app/onboarding", { intent: "accept-plan", quitDate: addDays(localDate(new Date(), "UTC"), 1) });
  expect(accepted.headers.get("location")).toBe("/app");
  return browser;
}

async function item(kind: "article" | "roadmap", topic: string, slug: string, title: string, publish = true) {
  const editor = await createUser(testDb(), { role: "editor" });
  const id = await createContentItem(testDb(), editor.id, {
    kind,
    topic,
    medical: false,
    tags: [],
    featured: false,
    authorName: null,
    sources: [],
    translations: [{ locale: "en", slug, title, summary: "", markdown: "Text." }],
  });
  if (publish) await schedulePublication(testDb(), id, new Date(Date.now() - 1000), new Date());
}

describe("plan stages link the roadmaps and articles that fit them", () => {
  it("roadmaps come first, then articles in the stage's topic order, two per stage", () => {
    const reading = pickStageReading(
      ["quit-day", "graduated"],
      [
        { kind: "article", topic: "cravings", title: "Cravings", path: "/learn/c", locale: "en" },
        { kind: "article", topic: "withdrawal", title: "Withdrawal", path: "/learn/w", locale: "en" },
        { kind: "roadmap", topic: "cravings", title: "Week two", path: "/learn/r", locale: "en" },
        { kind: "article", topic: "money", title: "Money", path: "/learn/m", locale: "en" },
      ],
    );
    expect(reading["quit-day"]!.map((r) => r.path)).toEqual(["/learn/r", "/learn/w"]);
    expect(reading.graduated).toEqual([]);
  });

  it("the member's plan page shows, under each stage, published items on its topics and never a draft", async () => {
    await item("roadmap", "withdrawal", "plan-first-72-hours", "Plan: the first 72 hours");
    await item("article", "medication", "plan-nrt", "Plan: nicotine replacement");
    await item("article", "withdrawal", "plan-draft", "Plan: a draft", false);
    const page = await (await (await onboardedMember()).get("/app/plan")).text();
    expect(page).toContain("Read for this stage:");
    expect(page).toMatch(/href="\/learn\/plan-first-72-hours"[^>]*>Plan: the first 72 hours</);
    expect(page).toMatch(/href="\/learn\/plan-nrt"[^>]*>Plan: nicotine replacement</);
    expect(page).not.toContain("Plan: a draft");
  });
});
