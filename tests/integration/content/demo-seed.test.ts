import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "#db/seed/factories";
import { demoContent, seedDemoContent } from "#db/seed/content";
import { parseSources, splitSections } from "~/modules/content/document";
import { renderSections } from "~/modules/content/render";
import { ALLOW_LISTS, explainUnsafeHtml } from "../../fixtures/xss-payloads";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

// The publishers the issue names (plus the journals of the Cochrane-style reviews and SRNT definitions we cite).
const KNOWN_PUBLISHERS =
  /World Health Organization|Centers for Disease Control|NHS|National Cancer Institute|Cochrane|U\.S\. Public Health Service|Nicotine & Tobacco Research|Addiction/;

describe("demo content", () => {
  it("holds the issue's library: 20+ articles across every topic, 3 roadmaps, 5 blog posts, 15 FAQs and the site pages, all in English and Vietnamese", () => {
    const byKind = (kind: string) => demoContent.filter((c) => c.kind === kind);
    expect(byKind("article").length).toBeGreaterThanOrEqual(20);
    expect(byKind("roadmap").length).toBeGreaterThanOrEqual(3);
    expect(byKind("blog-post").length).toBeGreaterThanOrEqual(5);
    expect(byKind("faq").length).toBeGreaterThanOrEqual(15);
    expect(new Set(byKind("page").map((p) => p.topic))).toEqual(new Set(["about", "terms", "privacy"]));
    expect(new Set(byKind("article").map((a) => a.topic)).size).toBe(9);
    for (const item of demoContent) {
      expect(item.translations.map((t) => t.locale).sort(), item.translations[0]!.slug).toEqual(["en", "vi"]);
      for (const t of item.translations) {
        const html = renderSections(splitSections(t.markdown))
          .map((s) => s.html)
          .join("");
        expect(explainUnsafeHtml(html, ALLOW_LISTS.article), t.slug).toEqual([]);
        // Vietnamese text is Vietnamese: at least one letter with a Vietnamese diacritic.
        if (t.locale === "vi") expect(t.title + t.markdown, t.slug).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      }
    }
    for (const article of byKind("article")) {
      expect(article.sources.length, article.translations[0]!.slug).toBeGreaterThan(0);
      for (const source of article.sources) expect(source.publisher).toMatch(KNOWN_PUBLISHERS);
    }
  });

  it("seeds every item published, medical ones reviewed; a second run adds nothing, and the hub lists them in both languages", async () => {
    const editor = await createUser(testDb(), { role: "editor", displayName: "Demo editor" });
    const admin = await createUser(testDb(), { role: "admin", displayName: "Demo reviewer" });
    expect(await seedDemoContent(testDb(), editor.id, admin.id)).toBe(demoContent.length);
    expect(await seedDemoContent(testDb(), editor.id, admin.id)).toBe(0);

    const rows = await testDb().execute<{ kind: string; status: string; medical: boolean; reviewer: string | null; sources: unknown }>(
      sql`select kind::text, status::text, medical, reviewer_name as reviewer, sources from content_items`,
    );
    expect(rows).toHaveLength(demoContent.length);
    expect(rows.every((r) => r.status === "published")).toBe(true);
    expect(rows.filter((r) => r.medical).every((r) => r.reviewer === "Demo reviewer")).toBe(true);
    expect(rows.filter((r) => r.kind === "article").every((r) => parseSources(r.sources).length > 0)).toBe(true);

    const anonymous = new Browser(server.url);
    for (const path of ["/learn", "/vi/learn"]) {
      const html = await (await anonymous.get(path)).text();
      const links = new Set(html.match(new RegExp(`href="${path}/[a-z0-9-]+"`, "g")));
      expect(links.size, path).toBeGreaterThanOrEqual(20);
    }
    const faq = await (await anonymous.get("/vi/faq")).text();
    expect(faq).toContain("Một cơn thèm thuốc kéo dài bao lâu?");
    const blog = await (await anonymous.get("/blog")).text();
    expect(blog).toContain("A slip is not a relapse");
  });
});
