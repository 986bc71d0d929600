import { recordDay, startQuitAttempt } from "#db/seed/journey-state";
import { grantConsent } from "~/modules/journey/consent.server";
import { e2eDb, expect, test } from "./fixtures";

const localDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("a member checks in, earns a badge, sees the header count change live, opens the badge and shares it", async ({
  page,
  login,
  browser,
}) => {
  const member = await login({ displayName: "Linh", timeZone: "UTC", currency: "USD" });
  // Eight smoke-free days with check-ins on the last two; today's one-tap check-in is done in the page.
  await grantConsent(e2eDb(), member.id);
  await startQuitAttempt(e2eDb(), member.id, { quitDate: localDay(8), currency: "USD", packPriceMinor: 900 });
  for (let d = 2; d >= 1; d--) await recordDay(e2eDb(), member.id, localDay(d), { checkedIn: true });

  await page.goto("/app/badges");
  await expect(page.getByRole("heading", { name: "Badges" })).toBeVisible();
  const count = page.getByTestId("unread-count");
  await expect(count).toHaveText("0");

  // Wait until the live stream is connected before anything is awarded.
  await expect(page.locator('a[data-live="true"][href="/app/notifications"]')).toBeVisible();

  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

  // The one-tap check-in in the header: the journey queues this member's badge evaluation.
  await page.getByRole("banner").getByRole("button", { name: "No cigarettes today" }).click();
  await expect(page).toHaveURL(/\/app\?checkedIn=1/);

  // No reload: the count arrives over Server-Sent Events.
  await expect(count).not.toHaveText("0", { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await page.getByRole("link", { name: /Notifications, \d+ unread/ }).click();
  await page.getByRole("link", { name: "You earned a badge: One week" }).click();
  await expect(page.getByRole("heading", { name: "One week", level: 1 })).toBeVisible();
  await expect(page.getByText("7 days smoke-free")).toBeVisible();

  await page.getByRole("button", { name: "Create a share link" }).click();
  await expect(page.getByText("Anyone with the link can see this badge.").first()).toBeVisible();
  const shareUrl = await page.getByLabel("Share link").inputValue();

  const visitor = await browser.newContext();
  const sharePage = await visitor.newPage();
  await sharePage.goto(shareUrl);
  await expect(sharePage.getByRole("heading", { name: "Linh earned “One week” on QuitPath" })).toBeVisible();
  const ogImage = await sharePage.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(/\/share\/badge\/[0-9a-f-]+\/image\.png/);
  const image = await sharePage.request.get(ogImage!);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect([...(await image.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(sharePage.getByRole("img", { name: /One week/ })).toBeVisible();

  await page.getByRole("button", { name: "Make private again" }).click();
  await expect(page.getByText("This badge is private again. The link no longer works.")).toBeVisible();
  expect((await sharePage.goto(shareUrl))?.status()).toBe(404);
  await visitor.close();
});
