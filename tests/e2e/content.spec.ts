import sharp from "sharp";
import { sql } from "drizzle-orm";
import { createSession } from "~/modules/identity/session.server";
import { e2eDb, expect, test } from "./fixtures";

const localDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("an editor writes a bilingual article with an image and schedules it; the job publishes it; a visitor finds it; a member is offered it", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  // The schedule is to the minute, and the job runs when that minute comes.
  test.setTimeout(150_000);
  const stamp = Math.random().toString(36).slice(2, 8);
  await login({ role: "editor", displayName: "Editor Linh", timeZone: "UTC" });

  await page.goto("/admin/content/new?kind=article");
  await page.getByLabel("Topic").selectOption("relapse");
  const english = page.getByRole("group", { name: "English" });
  const vietnamese = page.getByRole("group", { name: "Vietnamese" });
  await english.getByLabel("Title").fill(`Back on track ${stamp}`);
  await english.getByLabel("Summary").fill("What to do after one cigarette.");
  await english.getByLabel("Text (Markdown)").fill("## Start again today\nA slip is not a relapse.");
  await vietnamese.getByLabel("Title").fill(`Quay lại đúng hướng ${stamp}`);
  await vietnamese.getByLabel("Summary").fill("Làm gì sau một điếu thuốc.");
  await vietnamese.getByLabel("Text (Markdown)").fill("## Bắt đầu lại hôm nay\nLỡ hút không phải là tái nghiện.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/content\/[0-9a-f-]{36}\?saved=1$/);
  const editorUrl = page.url().replace(/\?.*$/, "");

  // An image, checked by content on the server, then placed in the English text.
  const png = await sharp({ create: { width: 160, height: 90, channels: 3, background: "#047857" } })
    .png()
    .toBuffer();
  await page.getByLabel("Add an image").setInputFiles({ name: "walk.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Upload" }).click();
  const imageLine = (await page.locator("[data-image-markdown]").textContent())!;
  expect(imageLine).toMatch(/^!\[\]\(\/resources\/images\/[0-9a-f-]{36}\)$/);
  const englishText = page.getByRole("group", { name: "English" }).getByLabel("Text (Markdown)");
  await englishText.fill(`## Start again today\nA slip is not a relapse.\n${imageLine.replace("![]", "![A walk outside]")}`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator('[data-preview="en"] img[alt="A walk outside"]')).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // Scheduled for the next minute, in the editor's time zone (UTC).
  const at = new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000);
  await page.getByLabel("Publish on").fill(at.toISOString().slice(0, 10));
  await page.getByLabel("at", { exact: true }).fill(at.toISOString().slice(11, 16));
  await page.getByRole("button", { name: "Publish or schedule" }).click();
  await expect(page.getByText("Scheduled.")).toBeVisible();

  const visitor = await browser.newContext({ baseURL });
  const visitorPage = await visitor.newPage();
  const viSlug = `quay-lai-dung-huong-${stamp}`;
  expect((await visitorPage.request.get(`/vi/learn/${viSlug}`)).status()).toBe(404);

  // The publish job (queued for that time, and the minute cron) publishes it.
  await expect
    .poll(async () => (await visitorPage.request.get(`/vi/learn/${viSlug}`)).status(), { timeout: 100_000, intervals: [2_000] })
    .toBe(200);
  await page.goto(editorUrl);
  await expect(page.locator('[data-status="published"]')).toBeVisible();

  // A visitor searches in Vietnamese without accents and finds it; the sitemap lists both languages.
  await visitorPage.goto("/vi/learn");
  await visitorPage.getByRole("searchbox").fill(`quay lai dung huong ${stamp}`);
  await visitorPage.getByRole("button", { name: "Tìm" }).click();
  await visitorPage.getByRole("link", { name: `Quay lại đúng hướng ${stamp}` }).click();
  await expect(visitorPage.getByRole("heading", { level: 1, name: `Quay lại đúng hướng ${stamp}` })).toBeVisible();
  await visitorPage.getByRole("link", { name: "Có cả bằng English" }).click();
  await expect(visitorPage.getByRole("img", { name: "A walk outside" })).toBeVisible();
  expect(await visitorPage.getByRole("img", { name: "A walk outside" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
  const sitemap = await (await visitorPage.request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`${baseURL}/vi/learn/${viSlug}`);
  expect(sitemap).toContain(`${baseURL}/learn/back-on-track-${stamp}`);

  // The demo member (Vietnamese, mid-attempt) slipped yesterday: the dashboard offers reading about slips first.
  const [demo] = await e2eDb().execute<{ user_id: string; attempt_id: string }>(
    sql`select u.id as user_id, a.id as attempt_id from users u join quit_attempts a on a.user_id = u.id and a.status = 'active' where u.email = 'member@quitpath.test'`,
  );
  await e2eDb().execute(
    sql`insert into slip_reflections (attempt_id, user_id, local_date, trigger) values (${demo!.attempt_id}, ${demo!.user_id}, ${localDay(1)}, 'alcohol')`,
  );
  const member = { cookie: (await createSession(e2eDb(), demo!.user_id, "test")).setCookie.split(";")[0]! };
  const memberContext = await browser.newContext({ baseURL });
  const [name, value] = member.cookie.split("=") as [string, string];
  await memberContext.addCookies([{ name, value, url: baseURL! }]);
  const memberPage = await memberContext.newPage();
  await memberPage.goto("/app");
  const reading = memberPage.locator("[data-suggested-reading]");
  await expect(reading.getByRole("link", { name: `Quay lại đúng hướng ${stamp}` })).toBeVisible();
  await visitor.close();
  await memberContext.close();
});

test("an anonymous visitor gets the public pages as plain HTML, and every link and form on them still works", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") requested.push(request.url());
  });
  await page.goto("/");
  // No app JavaScript, route data or translations: only structured data for search engines.
  expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Learn" }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await page.locator("main").getByRole("link").filter({ hasText: /\w/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/faq");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(requested).toEqual([]);
});
