import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { recordDay, startQuitAttempt } from "#db/seed/journey-state";
import { localDate } from "~/lib/local-date";
import { createPost } from "~/modules/community/posts.server";
import { setFeatured } from "~/modules/community/moderation.server";
import { createContentItem, schedulePublication } from "~/modules/content/content.server";
import { refreshCommunityFigures } from "~/modules/journey/progress.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const daysAgo = (n: number) => localDate(new Date(Date.now() - n * 86_400_000), "UTC");

describe("the homepage's blocks", () => {
  it("shows live figures, the editors' featured articles in the visitor's language, featured stories, and links to the hub and /stories", async () => {
    const db = testDb();
    // Two members smoke-free today (10 and 3 days), one who smoked today, one whose quit date is still ahead.
    for (const [quitDaysAgo, smokedToday] of [
      [10, false],
      [3, false],
      [5, true],
      [-2, false],
    ] as const) {
      const member = await createUser(db, { timeZone: "UTC" });
      await startQuitAttempt(db, member.id, { quitDate: daysAgo(quitDaysAgo) });
      if (smokedToday) await recordDay(db, member.id, daysAgo(0), { cigarettes: 2 });
    }

    const editor = await createUser(db, { role: "editor" });
    const featured = await createContentItem(db, editor.id, {
      kind: "article",
      topic: "cravings",
      medical: false,
      tags: [],
      featured: true,
      authorName: null,
      sources: [],
      translations: [
        { locale: "en", slug: "home-featured", title: "Featured on the homepage", summary: "Read me first.", markdown: "Text." },
        { locale: "vi", slug: "trang-chu-noi-bat", title: "Nổi bật trên trang chủ", summary: "Đọc trước.", markdown: "Nội dung." },
      ],
    });
    await schedulePublication(db, featured, new Date(Date.now() - 1000), new Date());
    await createContentItem(db, editor.id, {
      kind: "article",
      topic: "cravings",
      medical: false,
      tags: [],
      featured: true,
      authorName: null,
      sources: [],
      translations: [{ locale: "en", slug: "home-draft", title: "A featured draft", summary: "", markdown: "Text." }],
    });

    const author = await createUser(db, { displayName: "Thu Hà" });
    const story = await createPost(db, author.id, {
      body: { version: 1, kind: "story", text: "Ninety days without a cigarette, one craving at a time.", imageIds: [], tags: [] },
      anonymous: false,
      publicConsent: true,
    });
    const admin = await createUser(db, { role: "admin" });
    await setFeatured(db, admin.id, story.id, true);

    const english = await (await new Browser(server.url).get("/", { "accept-language": "en" })).text();
    const figure = (label: string) => new RegExp(`<dt[^>]*>${label}</dt><dd[^>]*>(\\d[\\d,.]*)</dd>`).exec(english)?.[1];
    expect(figure("Members smoke-free today")).toBe("2");
    // 10 + 3 smoke-free days, the member who smoked today has 0, the one not yet started counts 0.
    expect(figure("Smoke-free days, all members together")).toBe("13");
    expect(english).toContain('href="/learn/home-featured"');
    expect(english).not.toContain("A featured draft");
    expect(english).toContain("Ninety days without a cigarette");
    expect(english).toContain(`href="/stories/${story.id}"`);
    expect(english).toContain('href="/stories"');
    expect(english).toContain('href="/learn"');

    const vietnamese = await (await new Browser(server.url).get("/", { "accept-language": "vi" })).text();
    expect(vietnamese).toContain('href="/vi/learn/trang-chu-noi-bat"');
    expect(vietnamese).toContain("Thành viên không hút thuốc hôm nay");
    expect(vietnamese).toContain('href="/vi/learn"');
  });

  it("reads the figures the job stored, and computes them itself only when they are a quarter of an hour old", async () => {
    const db = testDb();
    const figure = async () =>
      /<dt[^>]*>Members smoke-free today<\/dt><dd[^>]*>(\d[\d,.]*)<\/dd>/.exec(
        await (await new Browser(server.url).get("/", { "accept-language": "en" })).text(),
      )?.[1];
    await refreshCommunityFigures(db);
    const stored = Number(await figure());
    const member = await createUser(db, { timeZone: "UTC" });
    await startQuitAttempt(db, member.id, { quitDate: daysAgo(4) });
    // Stored by the job before the newcomer began: the page shows them as stored.
    expect(Number(await figure())).toBe(stored);
    await refreshCommunityFigures(db);
    expect(Number(await figure())).toBe(stored + 1);

    const another = await createUser(db, { timeZone: "UTC" });
    await startQuitAttempt(db, another.id, { quitDate: daysAgo(1) });
    // No job ran for 20 minutes (no worker process): the page recomputes and stores them.
    await db.execute(sql`update community_figures set computed_at = now() - interval '20 minutes'`);
    expect(Number(await figure())).toBe(stored + 2);
    const [row] = await db.execute<{ fresh: boolean }>(
      sql`select computed_at > now() - interval '1 minute' as fresh from community_figures`,
    );
    expect(row?.fresh).toBe(true);
  });

  it("an editor rewrites the hero at /admin/content; a language without one keeps the built-in words; it is not a page of its own", async () => {
    const before = await (await new Browser(server.url).get("/", { "accept-language": "en" })).text();
    expect(before).toContain("Quit smoking with a plan that fits you");
    const { cookie } = await createSignedInUser(testDb(), { role: "editor" });
    const editor = new Browser(server.url, cookie);
    const created = await editor.post("/admin/content/new", {
      intent: "save",
      kind: "page",
      topic: "home",
      title_en: "Your quit, your pace",
      slug_en: "home",
      summary_en: "A plan built around how you smoke, and people who stay with you.",
      // The editor's form asks every item for a body; the hero shows only the title and the summary.
      markdown_en: "The headline and the text under it on the homepage.",
    });
    expect(created.status).toBe(302);
    const id = /\/admin\/content\/([0-9a-f-]{36})/.exec(created.headers.get("location") ?? "")![1]!;
    // Saved but not published: visitors still see the built-in hero.
    expect(await (await new Browser(server.url).get("/", { "accept-language": "en" })).text()).not.toContain("Your quit, your pace");
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await editor.post(`/admin/content/${id}`, { intent: "schedule", id, date: yesterday, time: "09:00" })).status).toBe(200);

    const english = await (await new Browser(server.url).get("/", { "accept-language": "en" })).text();
    expect(english).toMatch(/<h1[^>]*>Your quit, your pace<\/h1>/);
    expect(english).toContain("A plan built around how you smoke, and people who stay with you.");
    const vietnamese = await (await new Browser(server.url).get("/", { "accept-language": "vi" })).text();
    expect(vietnamese).not.toMatch(/<h1[^>]*>Your quit, your pace<\/h1>/);
    const sitemap = await (await new Browser(server.url).get("/sitemap.xml")).text();
    expect(sitemap).not.toContain("/home<");
    expect((await new Browser(server.url).get("/home")).status).toBe(404);

    expect((await editor.post(`/admin/content/${id}`, { intent: "unpublish", id })).status).toBe(200);
    expect(await (await new Browser(server.url).get("/", { "accept-language": "en" })).text()).toContain(
      "Quit smoking with a plan that fits you",
    );
  });

  it("offers a visitor sign-up and sign-in, and a signed-in member their dashboard instead", async () => {
    const visitor = await (await new Browser(server.url).get("/", { "accept-language": "en" })).text();
    expect(visitor).toMatch(/<a[^>]*href="\/signup"[^>]*>Start for free<\/a>/);
    expect(visitor).toMatch(/<a[^>]*href="\/login"[^>]*>I already have an account<\/a>/);
    const { cookie } = await createSignedInUser(testDb(), { locale: "vi" });
    const member = await (await new Browser(server.url, cookie).get("/")).text();
    expect(member).toMatch(/<a[^>]*href="\/app"[^>]*>Mở trang tổng quan của bạn<\/a>/);
    expect(member).not.toMatch(/<a[^>]*href="\/signup"/);
  });
});
