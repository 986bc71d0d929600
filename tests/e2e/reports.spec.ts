import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { applyPendingSchemaChanges, e2eDb, expect, test } from "./fixtures";

test.beforeAll(async () => {
  await applyPendingSchemaChanges();
});

test("an admin opens the dashboard, changes the period and downloads the success report as CSV", async ({ page, login }) => {
  await login({ role: "admin", locale: "en", timeZone: "Asia/Ho_Chi_Minh" });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Activation (profile within 7 days)")).toBeVisible();
  await expect(page.locator("svg[role=img] title").first()).toHaveText("Sign-ups per day");

  await page.getByLabel("From").fill("2026-01-01");
  await page.getByLabel("To").fill("2026-03-31");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-03-31/);
  await expect(page.getByLabel("From")).toHaveValue("2026-01-01");

  await page.getByLabel("To").fill("2025-12-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("alert")).toContainText("The period ends before it starts");

  await page.goto("/admin/reports/success");
  await expect(page.getByRole("heading", { name: "Quit success", exact: true }).first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.locator("section[aria-labelledby=table-success]").getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^quitpath-success-success-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(header).toBe("Group,Measure,Eligible,Responders,Abstinent,Intention to treat,Responders only,CO-verified");
  expect(rows.filter((r) => r.startsWith("All attempts,"))).toHaveLength(4);
});

test("reading an article in a browser counts one read per visitor and day, and the content report lists it", async ({
  browser,
  login,
  page,
}) => {
  const [article] = (await e2eDb().execute(sql`select i.id, t.slug, t.title from content_items i
    join content_translations t on t.item_id = i.id and t.locale = 'en'
    where i.kind = 'article' and i.status = 'published' order by t.slug limit 1`)) as unknown as {
    id: string;
    slug: string;
    title: string;
  }[];
  const readsOf = async () =>
    (
      (await e2eDb().execute(
        sql`select coalesce(sum(count), 0)::int as n from article_read_days where article_id = ${article!.id} and day = current_date`,
      )) as unknown as { n: number }[]
    )[0]!.n;
  const before = await readsOf();
  // Headless Chromium names itself in its user agent, which the count leaves out as a crawler.
  const reader = await browser.newContext({ userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36 e2e-${Date.now()}` });
  const tab = await reader.newPage();
  await tab.goto(`/learn/${article!.slug}`);
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(article!.title);
  await expect.poll(readsOf, { timeout: 10_000 }).toBe(before + 1);
  await tab.reload();
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(article!.title);
  await tab.waitForTimeout(1_000);
  expect(await readsOf()).toBe(before + 1);
  await reader.close();

  await login({ role: "admin", locale: "en" });
  await page.goto("/admin/reports/community");
  const table = page.locator("section[aria-labelledby=table-read-articles]");
  await expect(table).toContainText("Most read articles");
  await expect(table).toContainText(article!.title);
});
