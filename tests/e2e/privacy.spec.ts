import { readFileSync } from "node:fs";
import { DEFAULT_TEST_PASSWORD, createSignedInUser } from "#db/seed/factories";
import { createPost } from "~/modules/community/posts.server";
import { ERASURE_GRACE_DAYS, eraseDueAccounts } from "~/modules/privacy/erasure.server";
import { applyPendingSchemaChanges, e2eDb, expect, test } from "./fixtures";

test.beforeAll(async () => {
  // Until the lead's migration lands, the e2e server's database lacks this branch's tables.
  await applyPendingSchemaChanges();
});

test.describe("privacy", () => {
  test("a member downloads their data, deletes the account, and after the grace period is gone but their post stays as a former member's", async ({
    page,
    login,
    browser,
    baseURL,
  }) => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const member = await login({ displayName: `Hoa ${stamp}` });
    const post = await createPost(e2eDb(), member.id, {
      body: { version: 1, kind: "post", text: `Thirty days without a cigarette ${stamp}`, imageIds: [], tags: [] },
      anonymous: false,
      publicConsent: false,
    });

    await page.goto("/app/account");
    await page.getByRole("link", { name: "Open your privacy page" }).click();
    await expect(page.getByRole("heading", { name: "Your privacy", level: 1 })).toBeVisible();

    // The export: the password again, a job builds it, the page follows its progress and offers the file.
    const exportSection = page.locator("section", { has: page.getByRole("heading", { name: "Download your data" }) });
    await exportSection.getByLabel("Your password").fill(DEFAULT_TEST_PASSWORD);
    await exportSection.getByRole("button", { name: "Prepare my data" }).click();
    await expect(page.getByText("We are preparing your data.")).toBeVisible();
    const link = exportSection.getByRole("link", { name: /Download/ });
    await expect(link).toBeVisible({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^quitpath-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const archive = readFileSync((await download.path())!);
    expect(archive.subarray(0, 2).toString()).toBe("PK");
    expect(archive.includes(Buffer.from("data.json"))).toBe(true);

    // The deletion: keep the posts, confirm, the password; the member is signed out and told the date.
    const erasureSection = page.locator("section", { has: page.getByRole("heading", { name: "Delete your account" }) });
    await erasureSection.getByLabel(/Keep my community posts/).check();
    await erasureSection.getByLabel(/I understand my account will be deleted/).check();
    await erasureSection.getByLabel("Your password").fill(DEFAULT_TEST_PASSWORD);
    await erasureSection.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/login\?erasure=/);
    await expect(page.getByText(/Your account will be deleted on .+ Sign in before then to keep it\./)).toBeVisible();

    // The clock moves past the grace period and the erasure job runs.
    const later = new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 24 * 3600 * 1000);
    expect((await eraseDueAccounts(e2eDb(), later)).erased).toBeGreaterThanOrEqual(1);

    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(DEFAULT_TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

    // Another member still reads the post, written by "a former member".
    const reader = await createSignedInUser(e2eDb(), {});
    const readerContext = await browser.newContext({ baseURL });
    const [name, value] = reader.cookie.split("=") as [string, string];
    await readerContext.addCookies([{ name, value, url: baseURL! }]);
    const readerPage = await readerContext.newPage();
    await readerPage.goto(`/app/community/${post.id}`);
    await expect(readerPage.getByText(`Thirty days without a cigarette ${stamp}`)).toBeVisible();
    await expect(readerPage.getByText("A former member").first()).toBeVisible();
    await expect(readerPage.getByText(`Hoa ${stamp}`)).toHaveCount(0);
    await readerContext.close();
  });
});
