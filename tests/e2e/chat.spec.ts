import { expect, premiumMemberWithCoach, test } from "./fixtures";

test("a premium member writes, the coach sees the count change live and replies; the member sees the reply live and 'seen'", async ({
  browser,
  baseURL,
}) => {
  const { member, coach } = await premiumMemberWithCoach(browser, baseURL!, {
    member: { displayName: "Linh Member" },
    coach: { displayName: "Coach Quynh" },
  });

  const coachPage = await coach.context.newPage();
  await coachPage.goto("/coach");
  const coachCount = coachPage.getByTestId("coaching-unread");
  await expect(coachCount).toBeHidden();
  await expect(coachPage.getByRole("link", { name: "Notifications, 0 unread" })).toHaveAttribute("data-live", "true");

  const memberPage = await member.context.newPage();
  await memberPage.goto("/app/coach");
  await expect(memberPage.getByRole("heading", { name: "Chat with Coach Quynh" })).toBeVisible();
  await expect(memberPage.locator("section[data-live='true']")).toBeVisible();
  await memberPage.getByLabel("Message", { exact: true }).fill("Hi coach, cravings are **strong** after lunch.");
  await memberPage.getByRole("button", { name: "Send" }).click();
  const log = memberPage.getByRole("log", { name: "Messages with Coach Quynh" });
  await expect(log.locator("[data-side='member'] strong")).toHaveText("strong");
  await expect(log.locator("[data-side='member']")).toHaveAttribute("data-seq", "1");

  // The coach's header count changes without a reload.
  await expect(coachCount).toBeVisible();
  await expect(coachCount).toHaveText("1");

  await coachPage.goto(`/coach/members/${member.user.id}`);
  const coachLog = coachPage.getByRole("log", { name: "Messages with Linh Member" });
  await expect(coachLog.locator("[data-side='member']")).toContainText("cravings are strong after lunch");
  // Opening the conversation read it: the member sees "seen" live.
  await expect(memberPage.getByTestId("seen")).toBeVisible();
  await coachPage.getByLabel("Message", { exact: true }).fill("Try a five-minute walk right after lunch.");
  await coachPage.getByLabel("Message", { exact: true }).press("Control+Enter");
  await expect(coachLog.locator("[data-side='coach']")).toHaveAttribute("data-seq", "2");

  // The member gets the reply live, announced politely, and the coach sees "seen" once it is shown.
  await expect(log.locator("[data-side='coach']")).toContainText("Try a five-minute walk right after lunch.");
  await expect(memberPage.getByTestId("chat-announcement")).toContainText("New message from Coach Quynh");
  await expect(coachPage.getByTestId("seen")).toBeVisible();
  await memberPage.reload();
  await expect(log.getByTestId("chat-message")).toHaveCount(2);

  await Promise.all([member.context.close(), coach.context.close()]);
});
