import sharp from "sharp";
import { createSignedInUser } from "#db/seed/factories";
import { e2eDb, expect, test } from "./fixtures";

test.describe("the community", () => {
  test("one member posts with a photo, another comments and reacts, the author sees it, a moderator hides the post", async ({
    page,
    login,
    browser,
    baseURL,
  }) => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const author = await login({ displayName: `Linh ${stamp}` });
    expect(author.id).toBeTruthy();
    // Pages rendered partly from remembered HTML must hydrate without a mismatch (React reports one as a page error).
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    // The author writes a post with a real PNG.
    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#0f766e" } })
      .png()
      .toBuffer();
    await page.goto("/app/community/new");
    await page.getByLabel("What would you like to share?").fill(`Two weeks smoke-free ${stamp}! My morning walk instead of a cigarette:`);
    await page.getByLabel("Milestones").check();
    await page.getByLabel("Add a photo").setInputFiles({ name: "walk.png", mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(page).toHaveURL(/\/app\/community\/[0-9a-f-]{36}\?posted=1$/);
    await expect(page.getByText("Your post is live.")).toBeVisible();
    const postUrl = page.url().replace(/\?.*$/, "");
    const photo = page.getByRole("img", { name: "Photo 1" });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);

    // A second member, in their own browser, comments and reacts.
    const friend = await createSignedInUser(e2eDb(), { displayName: `Minh ${stamp}` });
    const friendContext = await browser.newContext({ baseURL });
    const [name, value] = friend.cookie.split("=") as [string, string];
    await friendContext.addCookies([{ name, value, url: baseURL! }]);
    const friendPage = await friendContext.newPage();
    await friendPage.goto(postUrl);
    await friendPage.getByLabel("Comment", { exact: true }).fill("So proud of you, keep walking!");
    await friendPage.getByRole("button", { name: "Send", exact: true }).click();
    await expect(friendPage.getByText("So proud of you, keep walking!")).toBeVisible();
    const celebrate = friendPage.getByRole("button", { name: /Celebrate/ });
    await celebrate.click();
    await expect(celebrate).toHaveAttribute("aria-pressed", "true");
    await expect(celebrate).toContainText("1");
    // The button shows the asked-for state at once; wait until the server has it too.
    await expect(friendPage.getByRole("group", { name: "React", exact: true })).toHaveAttribute("aria-busy", "false");

    // The author sees both on the community page.
    await page.goto("/app/community");
    const activity = page.getByRole("complementary");
    await expect(activity.getByText(`Minh ${stamp} commented on your post`)).toBeVisible();
    await expect(activity.getByText(`Minh ${stamp} reacted to your post`)).toBeVisible();
    await expect(page.getByTestId("activity-unread")).toContainText("2 new");

    // The author cheers their own post on from the feed: the button answers at once, and the server keeps it.
    const card = page.getByRole("article").filter({ hasText: `Two weeks smoke-free ${stamp}` });
    const support = card.getByRole("button", { name: /Support/ });
    await expect(support).toHaveAttribute("aria-pressed", "false");
    await support.click();
    await expect(support).toHaveAttribute("aria-pressed", "true");
    await expect(support).toContainText("1");
    await expect(card.getByRole("group", { name: "React", exact: true })).toHaveAttribute("aria-busy", "false");
    await page.reload();
    await expect(support).toHaveAttribute("aria-pressed", "true");
    expect(pageErrors).toEqual([]);

    // The friend reports it; a moderator hides it from the queue; it disappears for the friend.
    await friendPage.getByText("Report", { exact: true }).first().click();
    await friendPage.getByLabel("Why are you reporting this?").first().selectOption("spam");
    await friendPage.getByRole("button", { name: "Send report" }).first().click();
    await expect(friendPage.getByText("Thank you. A moderator will review it.")).toBeVisible();

    const moderator = await createSignedInUser(e2eDb(), { role: "admin", displayName: `Moderator ${stamp}` });
    const moderatorContext = await browser.newContext({ baseURL });
    const [mName, mValue] = moderator.cookie.split("=") as [string, string];
    await moderatorContext.addCookies([{ name: mName, value: mValue, url: baseURL! }]);
    const moderatorPage = await moderatorContext.newPage();
    await moderatorPage.goto("/admin");
    await moderatorPage.getByRole("link", { name: "Moderation" }).click();
    await expect(moderatorPage).toHaveURL(/\/admin\/moderation$/);
    const item = moderatorPage.locator(`[data-queue-post="${postUrl.split("/").pop()}"]`);
    await expect(item).toContainText(`Two weeks smoke-free ${stamp}`);
    await item.getByLabel("Reason for this action").fill("Reported as spam; hiding while we check");
    await item.getByRole("button", { name: "Hide" }).click();
    await expect(moderatorPage.getByText("Action recorded.")).toBeVisible();

    const gone = await friendPage.goto(postUrl);
    expect(gone?.status()).toBe(404);
    await friendPage.goto("/app/community");
    await expect(friendPage.getByText(`Two weeks smoke-free ${stamp}`)).toHaveCount(0);
    await friendContext.close();
    await moderatorContext.close();
  });
});
