import postgres from "postgres";
import { createSignedInUser } from "#db/seed/factories";
import { recordDay, startQuitAttempt } from "#db/seed/journey-state";
import { ensureBadgeCatalogue } from "~/modules/achievements/awards.server";
import { e2eDatabaseUrl } from "../../playwright.config";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { e2eDb, expect, test } from "./fixtures";

// Until the lead generates this branch's migration, the e2e database gets the schema changes here (as the integration setup does).
test.beforeAll(async () => {
  const client = postgres(e2eDatabaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client`select to_regclass('badge_awards') is not null as ok`;
    if (!row?.ok) for (const statement of await pendingSchemaChanges()) await client.unsafe(statement);
  } finally {
    await client.end();
  }
  await ensureBadgeCatalogue(e2eDb());
});

const localDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("a member earns a badge, sees the header count change live, opens the badge and shares it", async ({ page, login, browser, baseURL }) => {
  const member = await login({ displayName: "Linh", timeZone: "UTC", currency: "USD" });
  // The journey's state after eight smoke-free days and today's one-tap check-in.
  await startQuitAttempt(e2eDb(), member.id, { quitDate: localDay(8), currency: "USD", packPriceMinor: 900 });
  for (let d = 2; d >= 0; d--) await recordDay(e2eDb(), member.id, localDay(d), { checkedIn: true });

  await page.goto("/app/badges");
  await expect(page.getByRole("heading", { name: "Badges" })).toBeVisible();
  const count = page.getByTestId("unread-count");
  await expect(count).toHaveText("0");

  // Wait until the live stream is connected before anything is awarded.
  await expect(page.locator('a[data-live="true"][href="/app/notifications"]')).toBeVisible();

  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

  const admin = await createSignedInUser(e2eDb(), { role: "admin" });
  const adminContext = await browser.newContext();
  const [name, value] = admin.cookie.split("=") as [string, string];
  await adminContext.addCookies([{ name, value, url: baseURL! }]);
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/admin/jobs");
  await adminPage.getByRole("button", { name: "Run the badge sweep now" }).click();
  await expect(adminPage.getByRole("status")).toContainText(/badge sweep/);
  await adminContext.close();

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
