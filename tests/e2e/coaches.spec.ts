import { and, eq } from "drizzle-orm";
import { coachAssignments, coachProfiles, packagePrices, packages, subscriptions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { e2eDb, expect, test } from "./fixtures";

const stampOf = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

/** A coach account with a profile, arranged the way the profile page and an admin would leave it. */
async function coach(displayName: string, profile: Partial<typeof coachProfiles.$inferInsert>) {
  const { user } = await createSignedInUser(e2eDb(), { role: "coach", displayName });
  await e2eDb()
    .insert(coachProfiles)
    .values({ coachId: user.id, headline: `${displayName} helps you quit`, bio: { en: `I am ${displayName}.` }, ...profile });
  return user;
}

/** Makes a member premium, as the checkout's fulfilment would (the billing spec covers paying). */
async function makePremium(userId: string) {
  const [premium] = await e2eDb().select().from(packages).where(eq(packages.slug, "premium"));
  const [price] = await e2eDb()
    .select()
    .from(packagePrices)
    .where(and(eq(packagePrices.packageId, premium!.id), eq(packagePrices.currency, "USD"), eq(packagePrices.period, "monthly")));
  await e2eDb()
    .insert(subscriptions)
    .values({
      userId,
      packageId: premium!.id,
      priceId: price!.id,
      status: "active",
      provider: "test",
      providerSubscriptionId: `e2e_sub_${userId}`,
      currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
      acceptedTermsVersion: 1,
    });
}

test.describe("choosing a coach", () => {
  test("a premium member filters the directory by language and specialty and chooses a coach", async ({ page, login }) => {
    const stamp = stampOf();
    const linh = await coach(`Linh ${stamp}`, {
      status: "approved",
      capacity: 3,
      languages: ["vi", "en"],
      specialties: ["vaping", "young-adults"],
      yearsExperience: 6,
    });
    await coach(`Alex ${stamp}`, { status: "approved", capacity: 3, languages: ["en"], specialties: ["stress"] });
    const member = await login({ locale: "en" });
    await makePremium(member.id);

    await page.goto("/app/coach/choose");
    await expect(page.getByRole("heading", { name: "Choose your coach" })).toBeVisible();
    await expect(page.getByRole("heading", { name: `Alex ${stamp}` })).toBeVisible();
    await page.getByLabel("Language", { exact: true }).selectOption("vi");
    await page.getByLabel("Specialty").selectOption("vaping");
    await page.getByRole("button", { name: "Show coaches" }).click();
    await expect(page).toHaveURL(/language=vi&specialty=vaping/);
    await expect(page.getByRole("heading", { name: `Alex ${stamp}` })).toHaveCount(0);
    const card = page.getByRole("article", { name: `Linh ${stamp}` });
    await expect(card).toBeVisible();
    await expect(card.getByText("Vaping and e-cigarettes, Young adults")).toBeVisible();
    await expect(card.getByText("New coach")).toBeVisible();
    await expect(card.getByText("Not yet rated")).toBeVisible();
    await card.getByRole("button", { name: `Choose Linh ${stamp} as your coach` }).click();
    // The chat page (/app/coach) is the chat work's; choosing sends the member there.
    await expect(page).toHaveURL(/\/app\/coach$/);
    const [assignment] = await e2eDb()
      .select()
      .from(coachAssignments)
      .where(and(eq(coachAssignments.memberId, member.id), eq(coachAssignments.status, "active")));
    expect(assignment?.coachId).toBe(linh.id);
  });
});

test.describe("reviewing coach profiles", () => {
  test("an admin approves a pending profile and the coach is offered to members", async ({ page, login, browser, baseURL }) => {
    const stamp = stampOf();
    const pending = await coach(`Pending ${stamp}`, { status: "pending", capacity: 2, languages: ["en"] });
    await login({ role: "admin", locale: "en" });
    await page.goto("/admin/coaches");
    const row = page.getByRole("row").filter({ hasText: `Pending ${stamp}` });
    await expect(row.getByText("Waiting for review")).toBeVisible();
    await row.getByRole("button", { name: `Approve the profile of Pending ${stamp}` }).click();
    await expect(page.getByText("The profile was approved. The coach is now offered to members.")).toBeVisible();
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: `Pending ${stamp}` })
        .getByText("Approved"),
    ).toBeVisible();
    const [profile] = await e2eDb().select().from(coachProfiles).where(eq(coachProfiles.coachId, pending.id));
    expect(profile?.status).toBe("approved");

    const { user: member, cookie } = await createSignedInUser(e2eDb(), { locale: "en" });
    await makePremium(member.id);
    const memberContext = await browser.newContext({ baseURL });
    const [name, value] = cookie.split("=") as [string, string];
    await memberContext.addCookies([{ name, value, url: baseURL! }]);
    const memberPage = await memberContext.newPage();
    await memberPage.goto("/app/coach/choose");
    await expect(memberPage.getByRole("heading", { name: `Pending ${stamp}` })).toBeVisible();
    await memberContext.close();
  });
});
