import en from "../../app/locales/en/caseload";
import { assign, memberWithJourney } from "../integration/coaching/helpers";
import { e2eDb, expect, test } from "./fixtures";

test("a coach opens the caseload and a member, reads progress, writes a case note and proposes a plan change the member accepts", async ({
  page,
  browser,
  login,
  baseURL,
}) => {
  const db = e2eDb();
  const suffix = Math.random().toString(36).slice(2, 8);
  const coach = await login({ role: "coach", displayName: `Coach Thu ${suffix}` });
  const member = await memberWithJourney(db, { quitDaysAgo: 9, smokedDaysAgo: [0, 1, 3], seed: { displayName: `Lan ${suffix}` } });
  await assign(db, coach.id, member.user.id);

  await page.goto("/coach");
  await expect(page.getByRole("heading", { name: en.title })).toBeVisible();
  const row = page.locator(`tr[data-member-id="${member.user.id}"]`);
  await expect(row).toContainText(en.levels.high);
  await expect(row).toContainText("3 slips in 7 days");
  await row.getByRole("link", { name: `Lan ${suffix}` }).click();

  await expect(page).toHaveURL(new RegExp(`/coach/members/${member.user.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Lan ${suffix}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: en.member.progress })).toBeVisible();
  await expect(page.getByText(en.risk.actions.slips)).toBeVisible();

  const note = `Talked about evenings ${suffix}`;
  await page.getByLabel(en.notes.body).fill(note);
  await page.getByRole("button", { name: en.notes.add }).click();
  await expect(page.getByText(en.notes.added)).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();

  await page.getByLabel(en.proposal.extraTask).fill(`Evening walk ${suffix}`);
  await page.getByLabel(en.proposal.note).fill("Try this for a week");
  await page.getByRole("button", { name: en.proposal.submit }).click();
  await expect(page.getByText(en.proposal.sent)).toBeVisible();

  // The member, in their own browser.
  const memberContext = await browser.newContext();
  const [name, value] = member.cookie.split("=") as [string, string];
  await memberContext.addCookies([{ name, value, url: baseURL! }]);
  const memberPage = await memberContext.newPage();
  await memberPage.goto("/app/plan");
  await expect(memberPage.getByRole("heading", { name: `Coach Thu ${suffix} suggests a change to your plan` })).toBeVisible();
  await memberPage.getByRole("button", { name: en.proposal.accept }).click();
  await expect(memberPage.getByText(en.proposal.accepted)).toBeVisible();
  await expect(memberPage.getByText(`Evening walk ${suffix} (from your coach)`)).toBeVisible();
  await expect(memberPage.getByText(`Changed with your coach Coach Thu ${suffix}`)).toBeVisible();
  await expect(memberPage.getByText(note)).toHaveCount(0);

  await memberPage.goto("/app/account");
  await expect(memberPage.getByText(`Coach Thu ${suffix} (coach) read your progress`).first()).toBeVisible();
  await memberContext.close();
});
