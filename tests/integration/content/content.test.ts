import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser } from "#db/seed/factories";
import { contentForEditing, publishDueContent } from "~/modules/content/content.server";
import enContentAdmin from "~/locales/en/contentAdmin";
import { explainUnsafeHtml } from "../../fixtures/xss-payloads";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const anonymous = () => new Browser(server.url);
let counter = 0;

async function staff(role: "editor" | "admin" = "editor", displayName = "Editor") {
  const { user, cookie } = await createSignedInUser(testDb(), { role, displayName, timeZone: "UTC" });
  return { user, browser: new Browser(server.url, cookie) };
}

/** Creates an item through the real editor form; returns its id. */
async function writeItem(browser: Browser, fields: Record<string, string>) {
  const response = await browser.post("/admin/content/new", { intent: "save", kind: "article", topic: "cravings", ...fields });
  expect(response.status).toBe(302);
  return /\/admin\/content\/([0-9a-f-]{36})/.exec(response.headers.get("location") ?? "")![1]!;
}

const sitemap = async () => (await anonymous().get("/sitemap.xml")).text();

describe("the knowledge hub", () => {
  it("only editors and admins reach /admin/content; anonymous visitors are sent to sign in", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "member" });
    expect((await new Browser(server.url, cookie).get("/admin/content")).status).toBe(403);
    expect((await new Browser(server.url, cookie).post("/admin/content/new", { intent: "save", kind: "article" })).status).toBe(403);
    expect((await anonymous().get("/admin/content")).status).toBe(302);
    const { cookie: coach } = await createSignedInUser(testDb(), { role: "coach" });
    expect((await new Browser(server.url, coach).get("/admin/content")).status).toBe(403);
    expect((await (await staff("editor")).browser.get("/admin/content")).status).toBe(200);
    expect((await (await staff("admin")).browser.get("/admin/content")).status).toBe(200);
  });

  it("draft → scheduled → published by the job → unpublished, with the page and the sitemap following each state", async () => {
    const { browser } = await staff();
    const slug = `craving-plan-${++counter}`;
    const id = await writeItem(browser, {
      title_en: "A craving plan",
      slug_en: slug,
      summary_en: "Plan it.",
      markdown_en: "## Wait\nIt passes.",
    });
    const path = `/learn/${slug}`;
    expect((await anonymous().get(path)).status).toBe(404);
    expect(await sitemap()).not.toContain(path);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await browser.post(`/admin/content/${id}`, { intent: "schedule", id, date: tomorrow.slice(0, 10), time: "09:00" });
    expect(scheduled.status).toBe(200);
    expect((await anonymous().get(path)).status).toBe(404);
    expect(await sitemap()).not.toContain(path);

    // The job runs every minute; its first run after the time publishes it, a second changes nothing.
    expect(await publishDueContent(testDb(), new Date())).not.toContain(id);
    expect(await publishDueContent(testDb(), new Date(Date.now() + 2 * 86_400_000))).toContain(id);
    expect(await publishDueContent(testDb(), new Date(Date.now() + 2 * 86_400_000))).not.toContain(id);
    const page = await anonymous().get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<section id="wait"');
    expect(await sitemap()).toContain(`${server.url}${path}`);

    expect((await browser.post(`/admin/content/${id}`, { intent: "unpublish", id })).status).toBe(200);
    expect((await anonymous().get(path)).status).toBe(404);
    expect(await sitemap()).not.toContain(path);
    const search = await (await anonymous().get(`/learn?q=craving+plan`)).text();
    expect(search).not.toContain(path);

    // A publish time in the past publishes at once.
    expect((await browser.post(`/admin/content/${id}`, { intent: "schedule", id, date: "2020-01-01", time: "00:00" })).status).toBe(200);
    expect((await anonymous().get(path)).status).toBe(200);
  });

  it("a medical article cannot publish until someone other than its author approves the current revision", async () => {
    const author = await staff("editor", "Author");
    const reviewer = await staff("editor", "Dr Reviewer");
    const slug = `nrt-${++counter}`;
    const id = await writeItem(author.browser, {
      topic: "medication",
      title_en: "NRT basics",
      slug_en: slug,
      markdown_en: "Patches help.",
    });
    const refused = await author.browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("needs a reviewer");
    expect((await author.browser.post(`/admin/content/${id}`, { intent: "approve", id, revision: "1" })).status).toBe(403);
    expect((await reviewer.browser.post(`/admin/content/${id}`, { intent: "approve", id, revision: "1" })).status).toBe(200);

    // An edit after the approval needs a new one.
    const edit = await author.browser.post(`/admin/content/${id}`, {
      intent: "save",
      kind: "article",
      topic: "medication",
      title_en: "NRT basics",
      slug_en: slug,
      markdown_en: "Patches and gum help.",
    });
    expect(edit.status).toBe(200);
    expect((await author.browser.post(`/admin/content/${id}`, { intent: "schedule", id })).status).toBe(422);
    expect((await reviewer.browser.post(`/admin/content/${id}`, { intent: "approve", id, revision: "1" })).status).toBe(409);
    expect((await reviewer.browser.post(`/admin/content/${id}`, { intent: "approve", id, revision: "2" })).status).toBe(200);
    expect((await author.browser.post(`/admin/content/${id}`, { intent: "schedule", id })).status).toBe(200);
    const html = await (await anonymous().get(`/learn/${slug}`)).text();
    expect(html).toMatch(/Last medically reviewed on .* by Dr Reviewer/);
  });

  it("restoring a revision puts back exactly what it held, as a new revision", async () => {
    const { browser } = await staff();
    const slug = `restore-${++counter}`;
    const first = {
      title_en: "First title",
      slug_en: slug,
      summary_en: "One",
      markdown_en: "## A\nfirst text",
      title_vi: "Tiêu đề đầu",
      slug_vi: `khoi-phuc-${counter}`,
      markdown_vi: "nội dung đầu",
      tags: "stress",
      sources: "Tobacco | WHO | 2023 | https://www.who.int/x",
    };
    const id = await writeItem(browser, first);
    const before = await contentForEditing(testDb(), id);
    await browser.post(`/admin/content/${id}`, {
      intent: "save",
      kind: "article",
      topic: "money",
      title_en: "Second",
      slug_en: `${slug}-b`,
      markdown_en: "other",
      tags: "coffee",
    });
    const changed = await contentForEditing(testDb(), id);
    expect(changed.translations).toHaveLength(1);
    const diff = await (await browser.get(`/admin/content/${id}?diff=2`)).text();
    expect(diff).toContain("- first text");
    expect(diff).toContain("+ other");

    expect((await browser.post(`/admin/content/${id}`, { intent: "restore", id, number: "1" })).status).toBe(200);
    const after = await contentForEditing(testDb(), id);
    expect(after.item.revision).toBe(3);
    expect(after.translations.sort((a, b) => a.locale.localeCompare(b.locale))).toEqual(
      before.translations.sort((a, b) => a.locale.localeCompare(b.locale)),
    );
    expect({ topic: after.item.topic, tags: after.item.tags, sources: after.item.sources }).toEqual({
      topic: before.item.topic,
      tags: before.item.tags,
      sources: before.item.sources,
    });
    expect(after.revisions[0]).toMatchObject({ number: 3, change: "restored:1", changedBy: "Editor" });
  });

  it("a revision number past Postgres's integers or a date that is no calendar day gets its field error (400), not a 500 (found by the full fuzz)", async () => {
    const { browser } = await staff();
    const id = await writeItem(browser, { title_en: "Bounds", slug_en: `bounds-${++counter}`, markdown_en: "Text." });
    for (const big of ["2147483648", "9007199254740991", "1e21"]) {
      expect((await browser.post(`/admin/content/${id}`, { intent: "approve", id, revision: big })).status).toBe(400);
      expect((await browser.post(`/admin/content/${id}`, { intent: "restore", id, number: big })).status).toBe(400);
    }
    for (const date of ["2026-13-45", "2026-02-30", "0000-00-00"]) {
      const answer = await browser.post(`/admin/content/${id}`, { intent: "schedule", id, date, time: "09:00" });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain(enContentAdmin.errors.date);
    }
  });

  it("slugs are unique per language: a taken slug is a 409 on its field, the same slug in the other language is fine", async () => {
    const { browser } = await staff();
    const slug = `unique-${++counter}`;
    await writeItem(browser, { title_en: "One", slug_en: slug, markdown_en: "x" });
    const clash = await browser.post("/admin/content/new", {
      intent: "save",
      kind: "article",
      topic: "cravings",
      title_en: "Two",
      slug_en: slug,
      markdown_en: "y",
    });
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain("already uses this slug");
    await writeItem(browser, { title_vi: "Hai", slug_vi: slug, markdown_vi: "y" });
  });

  it("answers If-None-Match with 304 for anonymous visitors, changes the ETag on publishing, and never shares the signed-in variant", async () => {
    const { browser } = await staff();
    const slug = `etag-${++counter}`;
    const id = await writeItem(browser, { title_en: "Cache me", slug_en: slug, markdown_en: "Body" });
    await browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    const first = await anonymous().get(`/learn/${slug}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=600, stale-while-revalidate=86400");
    expect(first.headers.get("vary")).toContain("Cookie");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await anonymous().get(`/learn/${slug}`, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect((await anonymous().get(`/learn/${slug}`, { "If-None-Match": '"other"' })).status).toBe(200);

    await browser.post(`/admin/content/${id}`, { intent: "unpublish", id });
    await browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    const republished = await anonymous().get(`/learn/${slug}`, { "If-None-Match": etag });
    expect(republished.status).toBe(200);
    expect(republished.headers.get("etag")).not.toBe(etag);

    const { cookie } = await createSignedInUser(testDb());
    const member = await new Browser(server.url, cookie).get(`/learn/${slug}`, { "If-None-Match": etag });
    expect(member.status).toBe(200);
    expect(member.headers.get("cache-control")).toBe("private, no-store");
    expect(member.headers.get("etag")).toBeNull();
    for (const path of ["/learn", "/blog", "/faq"]) {
      expect((await anonymous().get(path)).headers.get("cache-control")).toContain("public");
      expect((await new Browser(server.url, cookie).get(path)).headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("canonical and hreflang links are right in both languages, and the page speaks the URL's language", async () => {
    const { browser } = await staff();
    const n = ++counter;
    const id = await writeItem(browser, {
      title_en: "Both languages",
      slug_en: `both-${n}`,
      markdown_en: "English",
      title_vi: "Hai ngôn ngữ",
      slug_vi: `hai-${n}`,
      markdown_vi: "Tiếng Việt",
    });
    await browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    const enHtml = await (await anonymous().get(`/learn/both-${n}`)).text();
    const viHtml = await (await anonymous().get(`/vi/learn/hai-${n}`)).text();
    for (const [html, canonical] of [
      [enHtml, `/learn/both-${n}`],
      [viHtml, `/vi/learn/hai-${n}`],
    ] as const) {
      expect(html).toContain(`<link rel="canonical" href="${server.url}${canonical}"/>`);
      expect(html).toContain(`<link rel="alternate" hrefLang="en" href="${server.url}/learn/both-${n}"/>`);
      expect(html).toContain(`<link rel="alternate" hrefLang="vi" href="${server.url}/vi/learn/hai-${n}"/>`);
      expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${server.url}/learn/both-${n}"/>`);
    }
    expect(viHtml).toContain('<html lang="vi"');
    // The site's own links stay in the reader's language: the footer's hub, FAQ and privacy links are the Vietnamese ones.
    expect(viHtml).toContain('href="/vi/faq"');
    expect(viHtml).toContain('href="/vi/privacy"');
    expect(enHtml).toContain('href="/faq"');
    expect(enHtml).not.toContain('href="/vi/faq"');
    expect(enHtml).toContain('<html lang="en"');
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(viHtml)![1]!);
    expect(ld[0]).toMatchObject({ "@type": "Article", headline: "Hai ngôn ngữ", inLanguage: "vi" });
    expect(ld[1]).toMatchObject({ "@type": "BreadcrumbList" });
    // The English slug under /vi leads to the Vietnamese version; an unknown language prefix is not a page.
    const moved = await anonymous().get(`/vi/learn/both-${n}`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe(`/vi/learn/hai-${n}`);
    expect((await anonymous().get(`/fr/learn/both-${n}`)).status).toBe(404);
    const map = await sitemap();
    expect(map).toContain(`<loc>${server.url}/vi/learn/hai-${n}</loc>`);
    expect(map).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${server.url}/learn/both-${n}"/>`);
  });

  it("Vietnamese search without accents finds accented text, and finds only published content", async () => {
    const { browser } = await staff();
    const n = ++counter;
    const id = await writeItem(browser, {
      title_vi: `Vượt qua cơn thèm thuốc lá ${n}`,
      slug_vi: `vuot-qua-${n}`,
      markdown_vi: "Hít thở chậm khi thèm thuốc.",
    });
    await writeItem(browser, { title_vi: `Bản nháp thèm thuốc ${n}`, slug_vi: `ban-nhap-${n}`, markdown_vi: "Chưa đăng." });
    await browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    const html = await (await anonymous().get(`/vi/learn?q=${encodeURIComponent(`con them thuoc ${n}`)}`)).text();
    expect(html).toContain(`/vi/learn/vuot-qua-${n}`);
    expect(html).not.toContain(`ban-nhap-${n}`);
    const english = await (await anonymous().get(`/learn?q=${encodeURIComponent(`hit tho cham`)}`)).text();
    expect(english).toContain(`/vi/learn/vuot-qua-${n}`);
  });

  it("what an editor writes cannot run as script on the public page, in the preview or in JSON-LD", async () => {
    const { browser } = await staff();
    const slug = `hostile-${++counter}`;
    const hostile = `<script>alert(1)</script> ![x](javascript:alert(1)) | <img src=x onerror=alert(1)> |`;
    const id = await writeItem(browser, {
      title_en: `</script><script>alert(1)</script>`,
      slug_en: slug,
      summary_en: hostile,
      markdown_en: `## ${hostile}\n${hostile}\n\n[x](javascript:alert(1))`,
    });
    await browser.post(`/admin/content/${id}`, { intent: "schedule", id });
    const html = await (await anonymous().get(`/learn/${slug}`)).text();
    const article = /<article[\s\S]*<\/article>/.exec(html)![0];
    const bodies = [...article.matchAll(/<div class="content-body"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]!);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(explainUnsafeHtml(body)).toEqual([]);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/(?:href|src)="javascript/i);
    const preview = await browser.post(`/admin/content/${id}`, {
      intent: "preview",
      kind: "article",
      topic: "cravings",
      title_en: "P",
      markdown_en: hostile,
    });
    expect(await preview.text()).not.toMatch(/<script>alert|<img src=x/);
  });

  it("robots.txt points at the sitemap and keeps crawlers out of member pages", async () => {
    const robots = await (await anonymous().get("/robots.txt")).text();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(robots).toContain("Disallow: /app");
  });

  it("the blog has a feed, the FAQ has FAQPage data, and a site page says when it is not in the visitor's language", async () => {
    const { browser } = await staff();
    const n = ++counter;
    const post = await browser.post("/admin/content/new", {
      intent: "save",
      kind: "blog-post",
      authorName: "Team",
      title_en: `Notes ${n}`,
      slug_en: `notes-${n}`,
      summary_en: "News.",
      markdown_en: "Hello.",
    });
    const postId = /([0-9a-f-]{36})/.exec(post.headers.get("location")!)![1]!;
    await browser.post(`/admin/content/${postId}`, { intent: "schedule", id: postId });
    const feed = await anonymous().get("/blog/feed.xml");
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(await feed.text()).toContain(`<link href="${server.url}/blog/notes-${n}"/>`);
    expect(await (await anonymous().get(`/blog/notes-${n}`)).text()).toContain('"@type":"BlogPosting"');

    const faq = await browser.post("/admin/content/new", {
      intent: "save",
      kind: "faq",
      topic: "app",
      title_en: `Is it free ${n}?`,
      slug_en: `free-${n}`,
      markdown_en: "Basic is free.",
    });
    const faqId = /([0-9a-f-]{36})/.exec(faq.headers.get("location")!)![1]!;
    await browser.post(`/admin/content/${faqId}`, { intent: "schedule", id: faqId });
    const faqHtml = await (await anonymous().get("/faq")).text();
    expect(faqHtml).toContain(`"name":"Is it free ${n}?"`);
    expect(faqHtml).toContain('"@type":"FAQPage"');

    await testDb().execute(sql`delete from content_items where kind = 'page' and topic = 'about'`);
    expect((await anonymous().get("/about")).status).toBe(404);
    const about = await browser.post("/admin/content/new", {
      intent: "save",
      kind: "page",
      topic: "about",
      title_en: "About us",
      slug_en: `about-${n}`,
      markdown_en: "We help.",
    });
    const aboutId = /([0-9a-f-]{36})/.exec(about.headers.get("location")!)![1]!;
    await browser.post(`/admin/content/${aboutId}`, { intent: "schedule", id: aboutId });
    expect((await anonymous().get("/about")).status).toBe(200);
    const viAbout = await (await anonymous().get("/vi/about")).text();
    expect(viAbout).toContain("Trang này chưa có bản Tiếng Việt.");
    expect(viAbout).toContain("About us");
  });
});
