import { chromium, type Browser as Chromium, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "#db/schema";
import { UPLOAD_TICKET_LIMIT } from "~/modules/storage/direct-uploads.server";
import { s3Bucket, type S3Bucket } from "~/modules/storage/s3.server";
import { objectKeyOf } from "~/modules/storage/storage.server";
import { Browser, startTestServer } from "../../setup/app";
import { testBrowser } from "../../setup/chromium";
import { testDb } from "../../setup/db";
import { startS3 } from "../../setup/s3";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";
import { cast, imageIdsOn, noMetadataLeft, photoWithLocation, postIdOf } from "./photos";

// The post form's own client code in a real Chromium: ticket, POST to s3rver, then the form with the key.
let server: Awaited<ReturnType<typeof startTestServer>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let bucket: S3Bucket;
let chromiumBrowser: Chromium;
beforeAll(async () => {
  s3 = await startS3();
  bucket = s3Bucket(s3.settings);
  Object.assign(process.env, s3.env);
  server = await startTestServer();
  const browser = await testBrowser();
  chromiumBrowser = await chromium.launch({
    executablePath: browser.executablePath,
    args: browser.args,
    ...(Object.keys(browser.env).length > 0 ? { env: { ...process.env, ...browser.env } } : {}),
  });
});
afterAll(async () => {
  await chromiumBrowser?.close();
  await server?.close();
  await s3?.close();
});

async function pageAs(member: Browser): Promise<Page> {
  const context = await chromiumBrowser.newContext();
  await context.addCookies([...member.cookies].map(([name, value]) => ({ name, value, url: server.url })));
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

async function fillPost(page: Page, photo: Buffer) {
  await page.goto(new URL("/app/community/new", server.url).toString());
  await page.getByLabel("What would you like to share?").fill("A photo that went straight to the bucket");
  await page.getByLabel("Add a photo").setInputFiles({ name: "hike.jpg", mimeType: "image/jpeg", buffer: photo });
}

describe("the post form with STORAGE=s3, in Chromium", () => {
  it("sends the photo to the bucket with a progress bar and live status, then posts its key", async () => {
    const { author } = await cast(server.url);
    const page = await pageAs(author.browser);
    const bucketPosts: string[] = [];
    const formBodies: string[] = [];
    page.on("request", (request) => {
      if (request.method() !== "POST") return;
      if (request.url().startsWith(s3.settings.endpoint!)) bucketPosts.push(request.url());
      if (request.url().includes("/app/community/new")) formBodies.push(request.postData() ?? "");
    });
    // Hold the bucket's answer until the progress bar and its live region have been seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${s3.settings.endpoint}/**`, async (route) => {
      await held;
      await route.continue();
    });
    await fillPost(page, await photoWithLocation());
    await page.getByRole("button", { name: "Post" }).click();
    await expect.poll(() => page.getByRole("progressbar", { name: "Photo upload progress" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Uploading photo 1 of 1…" }).count()).toBe(1);
    release();
    await page.waitForURL(/\/app\/community\/[0-9a-f-]{36}\?posted=1/);

    expect(bucketPosts).toHaveLength(1);
    // The form carried the key, not the file.
    expect(formBodies).toHaveLength(1);
    expect(formBodies[0]).toMatch(new RegExp(`name="uploaded"\\r\\n\\r\\nuploads/${author.user.id}/[0-9a-f-]{36}`));
    expect(formBodies[0]).not.toContain('filename="hike.jpg"');
    const postId = postIdOf(new Response(null, { headers: { location: page.url() } }))!;
    const [file] = await testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, author.user.id));
    expect(file).toMatchObject({ store: "s3", bytes: null });
    expect(await imageIdsOn(author.browser, postId)).toEqual([file!.id]);
    expect(await noMetadataLeft((await bucket.get(objectKeyOf(file!.id)))!)).toBe(true);
    expect(await bucket.list(`uploads/${author.user.id}/`)).toEqual([]);
    await page.context().close();
  });

  it("shows the server's refusal of a ticket and submits nothing", async () => {
    const { author } = await cast(server.url);
    for (let i = 0; i < UPLOAD_TICKET_LIMIT.limit; i++) {
      const asked = await fetch(new URL("/resources/uploads", server.url), {
        method: "POST",
        body: JSON.stringify({ contentType: "image/jpeg" }),
        headers: {
          Cookie: author.browser.cookieHeader,
          Origin: server.url,
          "Sec-Fetch-Site": "same-origin",
          "Content-Type": "application/json",
        },
      });
      expect(asked.status).toBe(200);
    }
    const page = await pageAs(author.browser);
    await fillPost(page, await photoWithLocation());
    await page.getByRole("button", { name: "Post" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "You are adding photos very quickly." }).count()).toBe(1);
    expect(page.url()).toMatch(/\/app\/community\/new$/);
    expect(await page.getByRole("progressbar").count()).toBe(0);
    expect(await testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, author.user.id))).toEqual([]);
    await page.context().close();
  });
});

describe("the conversation's message form with STORAGE=s3, in Chromium", () => {
  it("sends the photo to the bucket, then the message with its key; the coach's side loads it from the bucket", async () => {
    const pair = await pairWithCoach(testDb(), await signedInCoach(testDb()));
    const page = await pageAs(new Browser(server.url, pair.member.cookie));
    const bucketPosts: string[] = [];
    const messageBodies: string[] = [];
    page.on("request", (request) => {
      if (request.method() !== "POST") return;
      if (request.url().startsWith(s3.settings.endpoint!)) bucketPosts.push(request.url());
      if (request.url().includes(`/resources/conversations/${pair.conversation.id}`)) messageBodies.push(request.postData() ?? "");
    });
    await page.goto(new URL("/app/coach", server.url).toString());
    await page.locator("section[data-live='true']").waitFor();
    await page.getByLabel("Message", { exact: true }).fill("A photo of my first smoke-free week");
    await page.getByLabel(/Add a photo/).setInputFiles({ name: "week.jpg", mimeType: "image/jpeg", buffer: await photoWithLocation() });
    await page.getByRole("button", { name: "Send" }).click();

    const photo = page.getByRole("log").getByRole("img", { name: "Photo sent in the chat" });
    await photo.waitFor();
    expect(bucketPosts).toHaveLength(1);
    // The message carried the key, not the file.
    const sends = messageBodies.filter((body) => body.includes("send-message"));
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatch(new RegExp(`name="uploadedPhoto"\\r\\n\\r\\nuploads/${pair.member.id}/[0-9a-f-]{36}`));
    expect(sends[0]).not.toContain('filename="week.jpg"');
    const [file] = await testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, pair.member.id));
    expect(file).toMatchObject({ store: "s3", bytes: null });
    expect(await noMetadataLeft((await bucket.get(objectKeyOf(file!.id)))!)).toBe(true);
    expect(await bucket.list(`uploads/${pair.member.id}/`)).toEqual([]);
    // The page's own <img> follows the redirect to the bucket's one-minute link (the CSP lets it).
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);

    const coachPage = await pageAs(new Browser(server.url, pair.coach.cookie));
    await coachPage.goto(new URL(`/coach/members/${pair.member.id}`, server.url).toString());
    const seen = coachPage.getByRole("log").getByRole("img", { name: "Photo sent in the chat" });
    await expect.poll(() => seen.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    await page.context().close();
    await coachPage.context().close();
  });
});
