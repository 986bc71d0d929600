import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityPosts, communityReactions, notifications, quitAttempts, dailyTotals } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, queryCountsByRequest, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { member, writePost } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Each card's reaction form posts to its post's page: the ids of the posts a page shows, in order. */
function postIdsInHtml(html: string): string[] {
  return [...html.matchAll(/<form method="post" action="\/app\/community\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

async function postIdsIn(browser: Browser, path: string): Promise<string[]> {
  return postIdsInHtml(await (await browser.get(path)).text());
}

describe("reactions", () => {
  it("stay unique per member and type under many concurrent clicks, and the counter agrees", async () => {
    const author = await member(server.url);
    const fan = await member(server.url, { displayName: "Eager Fan" });
    const { id } = await writePost(author.browser, { text: "One week without cigarettes!" });
    const clicks = await Promise.all(
      Array.from({ length: 25 }, () => fan.browser.post(`/app/community/${id}`, { intent: "react", add: "celebrate" })),
    );
    expect(clicks.every((r) => r.status === 200)).toBe(true);
    await Promise.all(Array.from({ length: 10 }, () => fan.browser.post(`/app/community/${id}`, { intent: "react", add: "hug" })));
    const rows = await testDb().select().from(communityReactions).where(eq(communityReactions.postId, id!));
    expect(rows.map((r) => r.type).sort()).toEqual(["celebrate", "hug"]);
    const [post] = await testDb().select().from(communityPosts).where(eq(communityPosts.id, id!));
    expect([post!.celebrateCount, post!.hugCount, post!.supportCount]).toEqual([1, 1, 0]);

    // Taking a reaction back, also concurrently, leaves none and a zero counter.
    await Promise.all(Array.from({ length: 10 }, () => fan.browser.post(`/app/community/${id}`, { intent: "react", remove: "celebrate" })));
    const [after] = await testDb().select().from(communityPosts).where(eq(communityPosts.id, id!));
    expect([after!.celebrateCount, after!.hugCount]).toEqual([0, 1]);

    // The author hears about it once per reaction type, however often it was clicked.
    const told = await testDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.user.id), eq(notifications.kind, "community.reaction")));
    expect(told).toHaveLength(2);
    expect(await (await author.browser.get("/app/community")).text()).toContain("Eager Fan reacted to your post");
  });
});

describe("comments", () => {
  it("allow one level of replies, count on the post, and notify the author once", async () => {
    const author = await member(server.url);
    const friend = await member(server.url, { displayName: "Kind Friend" });
    const { id } = await writePost(author.browser, { text: "Cravings after lunch are the worst" });
    const first = await friend.browser.post(`/app/community/${id}`, { intent: "comment", text: "Try a walk after lunch" });
    expect(first.status).toBe(200);
    const page = await (await author.browser.get(`/app/community/${id}`)).text();
    const commentId = /data-comment-id="([0-9a-f-]{36})"/.exec(page)![1]!;
    expect((await author.browser.post(`/app/community/${id}`, { intent: "comment", text: "Thanks!", parentId: commentId })).status).toBe(
      200,
    );
    const after = await (await author.browser.get(`/app/community/${id}`)).text();
    const replyId = [...after.matchAll(/data-comment-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!).find((c) => c !== commentId)!;
    // A reply to a reply is refused.
    const nested = await friend.browser.post(`/app/community/${id}`, { intent: "comment", text: "Nested", parentId: replyId });
    expect(nested.status).toBe(422);
    const [post] = await testDb().select().from(communityPosts).where(eq(communityPosts.id, id!));
    expect(post!.commentCount).toBe(2);
    const told = await testDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.user.id), eq(notifications.kind, "community.comment")));
    expect(told).toHaveLength(1);
    expect(told[0]!.payload.values).toEqual({ name: "Kind Friend" });
  });
});

describe("search", () => {
  it("finds Vietnamese text with or without accents, in any case", async () => {
    const author = await member(server.url);
    const reader = await member(server.url);
    const { id } = await writePost(author.browser, { text: "Hôm nay tôi đã cai thuốc được một tuần rồi!", tags: "milestones" });
    const { id: other } = await writePost(author.browser, { text: "Cravings are easier with water" });
    for (const q of ["cai thuoc", "cai thuốc", "CAI THUỐC", '"cai thuoc"', "tuan"]) {
      const found = await postIdsIn(reader.browser, `/app/community?q=${encodeURIComponent(q)}`);
      expect(found, q).toContain(id);
      expect(found, q).not.toContain(other);
    }
    const water = await postIdsIn(reader.browser, `/app/community?q=${encodeURIComponent("water -lunch")}`);
    expect(water).toContain(other);
    expect(water).not.toContain(id);
    expect(await postIdsIn(reader.browser, "/app/community?tag=milestones")).toContain(id);
    expect(await postIdsIn(reader.browser, "/app/community?tag=milestones")).not.toContain(other);
    expect((await reader.browser.get("/app/community?q=%22%22%22&sort=weird&tag=nope&cursor=garbage")).status).toBe(200);
  });
});

describe("feed", () => {
  it("pages by keyset with a Load more link and shows each post once", async () => {
    const author = await member(server.url);
    const reader = await member(server.url);
    await testDb().execute(sql`delete from rate_limit_counters`);
    for (let i = 0; i < 25; i++) {
      const { response } = await writePost(author.browser, { text: `Paging post ${i}` });
      expect(response.status).toBe(302);
    }
    const seen: string[] = [];
    let path: string | null = "/app/community?q=paging";
    while (path) {
      const html: string = await (await reader.browser.get(path)).text();
      seen.push(...postIdsInHtml(html));
      const next: string | undefined = /href="(\/app\/community\?q=paging&amp;cursor=[^"]+)"/.exec(html)?.[1];
      path = next ? next.replaceAll("&amp;", "&") : null;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("uses at most 4 SQL statements per request, session lookup included", async () => {
    const viewer = await member(server.url);
    const response = await viewer.browser.get("/app/community");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(postIdsInHtml(html).length).toBeGreaterThan(0);
    expect(queryCountsByRequest.get(response.headers.get("x-request-id")!)).toBeLessThanOrEqual(4);
    const data = await viewer.browser.get("/app/community.data?index");
    await data.text();
    expect(queryCountsByRequest.get(data.headers.get("x-request-id")!)).toBeLessThanOrEqual(4);
  });

  it("shows the author's current smoke-free days, counted from the last day with cigarettes", async () => {
    const author = await member(server.url, { displayName: "Streak Holder" });
    await testDb()
      .insert(quitAttempts)
      .values({
        userId: author.user.id,
        attemptNumber: 1,
        quitDate: sql`(current_date - 30)::date` as unknown as string,
        baselinePerDay: 10,
        cigarettesPerPack: 20,
        packPriceMinor: 500,
        currency: "USD",
      });
    await testDb()
      .insert(dailyTotals)
      .values({ userId: author.user.id, localDate: sql`(current_date - 12)::date` as unknown as string, cigarettes: 2 });
    const { id } = await writePost(author.browser, { text: "Still going" });
    const html = await (await author.browser.get(`/app/community/${id}`)).text();
    expect(html).toMatch(/1[12] days smoke-free/);
  });
});

describe("limits", () => {
  it("lets a new account post a few times an hour, then answers 429 with a clear message", async () => {
    const newcomer = await member(server.url, {}, { newAccount: true });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      const { response } = await writePost(newcomer.browser, { text: `Hello number ${i}` });
      statuses.push(response.status);
      last = response;
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("You are posting very quickly");
  });
});

describe("moderation", () => {
  it("a reported-then-hidden featured story vanishes from the feed and the public stories pages", async () => {
    const author = await member(server.url, { displayName: "Story Teller" });
    const reporter = await member(server.url);
    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, adminCookie);
    const { id } = await writePost(author.browser, {
      kind: "story",
      text: "A year ago I smoked 20 a day. Today I ran 10 km.",
      publicConsent: "on",
    });
    expect((await admin.post(`/app/community/${id}`, { intent: "feature", featured: "true" })).status).toBe(200);
    const visitor = new Browser(server.url);
    const stories = await visitor.get("/stories");
    expect(stories.headers.get("cache-control")).toContain("public");
    expect(await stories.text()).toContain("Today I ran 10 km");
    const story = await visitor.get(`/stories/${id}`);
    const storyHtml = await story.text();
    expect(story.status).toBe(200);
    expect(storyHtml).toContain('property="og:title"');
    expect(storyHtml).toContain('property="og:description"');

    expect((await reporter.browser.post(`/app/community/${id}`, { intent: "report", reason: "spam" })).status).toBe(200);
    const queue = await (await admin.get("/admin/moderation")).text();
    expect(queue).toContain(`data-queue-post="${id}"`);
    const hidden = await admin.post("/admin/moderation", { intent: "moderate", action: "hide", postId: id!, note: "Looks like an advert" });
    expect(hidden.status).toBe(200);

    expect(await postIdsIn(reporter.browser, "/app/community")).not.toContain(id);
    expect((await reporter.browser.get(`/app/community/${id}`)).status).toBe(404);
    expect(await (await visitor.get("/stories")).text()).not.toContain("Today I ran 10 km");
    expect((await visitor.get(`/stories/${id}`)).status).toBe(404);
    // The author still sees it, with a notice.
    expect(await (await author.browser.get(`/app/community/${id}`)).text()).toContain("hidden from other members");
    const history = await (await admin.get("/admin/moderation")).text();
    expect(history).toContain("Looks like an advert");
    expect(history).not.toContain(`data-queue-post="${id}"`);
  });

  it("a story without the author's consent cannot be featured", async () => {
    const author = await member(server.url);
    const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
    const { id } = await writePost(author.browser, { kind: "story", text: "Private story" });
    expect((await new Browser(server.url, cookie).post(`/app/community/${id}`, { intent: "feature", featured: "true" })).status).toBe(404);
    expect(await (await new Browser(server.url).get("/stories")).text()).not.toContain("Private story");
  });

  it("holds a post with a blocked word for review, and only a moderator's restore publishes it", async () => {
    const author = await member(server.url);
    const reader = await member(server.url);
    const { id, held } = await writePost(author.browser, { text: "Best ca do odds here, join now" });
    expect(held).toBe(true);
    expect(await postIdsIn(reader.browser, "/app/community")).not.toContain(id);
    expect(await postIdsIn(author.browser, "/app/community")).toContain(id);
    const { cookie: coachCookie, user: coach } = await createSignedInUser(testDb(), { role: "coach" });
    const coachBrowser = new Browser(server.url, coachCookie);
    expect((await coachBrowser.get("/admin/moderation")).status).toBe(403);
    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, adminCookie);
    expect((await admin.post("/admin/moderation", { intent: "set-moderator", coachId: coach.id, moderator: "true" })).status).toBe(200);
    const queue = await coachBrowser.get("/admin/moderation");
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain("Matched the word list");
    expect(
      (await coachBrowser.post("/admin/moderation", { intent: "moderate", action: "restore", postId: id!, note: "Reviewed: fine" })).status,
    ).toBe(200);
    expect(await postIdsIn(reader.browser, "/app/community")).toContain(id);
    // Coaches cannot edit the word list.
    expect((await coachBrowser.post("/admin/moderation", { intent: "save-words", words: "hello" })).status).toBe(403);
  });

  it("a suspended member cannot post", async () => {
    const author = await member(server.url);
    const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
    const { id } = await writePost(author.browser, { text: "Something rude" });
    const suspended = await new Browser(server.url, cookie).post("/admin/moderation", {
      intent: "moderate",
      action: "suspend",
      days: "3",
      postId: id!,
      note: "Repeated insults",
    });
    expect(suspended.status).toBe(200);
    const { response } = await writePost(author.browser, { text: "Another one" });
    expect(response.status).toBe(403);
  });
});

describe("blocking", () => {
  it("hides each member's posts from the other", async () => {
    const blocker = await member(server.url);
    const annoying = await member(server.url, { displayName: "Annoying Person" });
    const { id: theirs } = await writePost(annoying.browser, { text: "Unwanted opinions" });
    const { id: mine } = await writePost(blocker.browser, { text: "My quiet post" });
    expect(await postIdsIn(blocker.browser, "/app/community")).toContain(theirs);
    const blocked = await blocker.browser.post(`/app/community/${theirs}`, { intent: "block", memberId: annoying.user.id });
    expect(blocked.status).toBe(302);
    expect(await postIdsIn(blocker.browser, "/app/community")).not.toContain(theirs);
    expect(await postIdsIn(annoying.browser, "/app/community")).not.toContain(mine);
    expect((await blocker.browser.get(`/app/community/${theirs}`)).status).toBe(404);
    expect((await annoying.browser.post(`/app/community/${mine}`, { intent: "comment", text: "Hey" })).status).toBe(404);
  });
});
