import { expect, premiumMemberWithCoach, test } from "./fixtures";

test("a premium member asks about a craving (streamed, with a source), then writes a crisis: resources first, and the coach sees the handoff live", async ({
  browser,
  baseURL,
}) => {
  const { member, coach } = await premiumMemberWithCoach(browser, baseURL!, {
    member: { displayName: "Minh Member" },
    coach: { displayName: "Coach Hoa" },
  });

  const coachPage = await coach.context.newPage();
  await coachPage.goto("/coach");
  await expect(coachPage.getByRole("link", { name: "Notifications, 0 unread" })).toHaveAttribute("data-live", "true");
  await expect(coachPage.getByTestId("handoffs")).toBeHidden();

  const page = await member.context.newPage();
  await page.goto("/app/ai-coach");
  await expect(page.getByTestId("ai-provider")).toContainText("offline coach");
  await page.getByLabel("When the AI coach hands me to my coach, send them this conversation").check();
  await page.getByRole("button", { name: "I understand, start" }).click();

  // The answer arrives over the event stream, then the thread shows it with its source.
  const stream = page.waitForResponse((r) => r.url().includes("/resources/ai-coach/answers/"));
  await page.getByLabel("Your question").fill("I'm having a strong craving right now, what do I do?");
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const streamed = await stream;
  expect(streamed.headers()["content-type"]).toContain("text/event-stream");
  const answer = page.locator('[data-kind="answer"]').first();
  await expect(answer).toBeVisible();
  const source = answer.locator('a[href^="/learn/"]').first();
  await expect(source).toBeVisible();
  expect(await source.getAttribute("href")).toMatch(/^\/learn\/[a-z0-9-]+#/);

  // A message that signals a crisis: no answer, the resources come first.
  await page.getByLabel("Your question").fill("I don't see the point anymore, I want to end my life");
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const resources = page.getByTestId("crisis-resources");
  await expect(resources).toBeVisible();
  await expect(resources).toContainText("115");
  const crisisQuestion = page.locator('[data-kind="question"]').last();
  await expect(crisisQuestion).toContainText("end my life");
  const [resourcesBox, questionBox] = [await resources.boundingBox(), await crisisQuestion.boundingBox()];
  expect(resourcesBox!.y).toBeLessThan(questionBox!.y);
  await expect(page.locator('[data-kind="answer"]')).toHaveCount(1);

  // The coach's caseload shows it without a reload; the member's chat carries the AI coach's summary.
  await expect(coachPage.getByTestId("handoffs")).toContainText("Minh Member");
  await coachPage.goto(`/coach/members/${member.user.id}`);
  const handover = coachPage.locator("[data-from-ai-coach]");
  await expect(handover).toContainText("Handed over by the AI coach");
  await expect(handover).toContainText("end my life");
});
