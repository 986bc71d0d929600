import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { createContentItem, schedulePublication } from "~/modules/content/content.server";
import { HELPFUL_LIMIT } from "~/modules/sessions/ratings.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
let editorId: string;
beforeAll(async () => {
  server = await startTestServer();
  editorId = (await createUser(testDb(), { role: "editor" })).id;
});
afterAll(async () => server.close());

let counter = 0;
async function article(options: { publish: boolean } = { publish: true }) {
  const slug = `helpful-article-${++counter}`;
  const id = await createContentItem(testDb(), editorId, {
    kind: "article",
    topic: "cravings",
    medical: false,
    tags: [],
    featured: false,
    authorName: null,
    sources: [],
    translations: [
      { locale: "en", slug, title: `Craving tips ${counter}`, summary: "Tips.", markdown: "Wait it out." },
      { locale: "vi", slug: `meo-${slug}`, title: `Mẹo vượt cơn thèm ${counter}`, summary: "Mẹo.", markdown: "Chờ cơn thèm qua." },
    ],
  });
  if (options.publish) await schedulePublication(testDb(), id, new Date(Date.now() - 60_000), new Date());
  return { id, path: `/learn/${slug}`, viPath: `/vi/learn/meo-${slug}` };
}

const votesFor = (id: string) =>
  testDb().execute<{ helpful: boolean; comment: string }>(
    sql`select helpful, comment from helpful_votes where subject = 'article' and subject_id = ${id}`,
  );

describe("was this article helpful?", () => {
  it("a visitor is asked to sign in and nothing is stored; a member's answer is stored once and replaced by a second answer", async () => {
    const { id, path, viPath } = await article();
    const anonymous = new Browser(server.url);
    const page = await (await anonymous.get(path)).text();
    expect(page).toContain("Was this helpful?");
    const visitor = await anonymous.post(path, { intent: "helpful", answer: "yes" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
    expect(await votesFor(id)).toHaveLength(0);

    const { cookie } = await createSignedInUser(testDb());
    const member = new Browser(server.url, cookie);
    const first = await member.post(path, { intent: "helpful", answer: "yes", comment: "  The breathing tip worked.  " });
    expect(first.status).toBe(200);
    expect(await votesFor(id)).toEqual([{ helpful: true, comment: "The breathing tip worked." }]);
    // The Vietnamese page is the same article: answering there replaces the answer.
    expect((await member.post(viPath, { intent: "helpful", answer: "no" })).status).toBe(200);
    expect(await votesFor(id)).toEqual([{ helpful: false, comment: "" }]);
    expect(await (await member.get(path)).text()).toContain("You answered before");
  });

  it("bad answers are 400s, an unpublished or unknown article is a 404, and nothing is stored for them", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const member = new Browser(server.url, cookie);
    const { id, path } = await article();
    expect((await member.post(path, { intent: "helpful" })).status).toBe(400);
    expect((await member.post(path, { intent: "helpful", answer: "maybe" })).status).toBe(400);
    expect((await member.post(path, { intent: "helpful", answer: "yes", comment: "x".repeat(501) })).status).toBe(400);
    expect(await votesFor(id)).toHaveLength(0);

    const draft = await article({ publish: false });
    expect((await member.post(draft.path, { intent: "helpful", answer: "yes" })).status).toBe(404);
    expect(await votesFor(draft.id)).toHaveLength(0);
    expect((await member.post("/learn/no-such-article", { intent: "helpful", answer: "yes" })).status).toBe(404);
  });

  it("answers are rate-limited per member", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const member = new Browser(server.url, cookie);
    const { path } = await article();
    for (let i = 0; i < HELPFUL_LIMIT.limit; i++) {
      expect((await member.post(path, { intent: "helpful", answer: i % 2 ? "yes" : "no" })).status).toBe(200);
    }
    const limited = await member.post(path, { intent: "helpful", answer: "yes" });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("You have answered many times");
  });

  it("admins see each article's answers, share found helpful and comments at /admin/feedback", async () => {
    const { id, path } = await article();
    for (const [answer, comment] of [
      ["yes", "Clear and short."],
      ["yes", ""],
      ["no", "I wanted more about coffee."],
      ["yes", ""],
    ] as const) {
      const { cookie } = await createSignedInUser(testDb());
      expect((await new Browser(server.url, cookie).post(path, { intent: "helpful", answer, comment })).status).toBe(200);
    }
    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const html = await (await new Browser(server.url, adminCookie).get("/admin/feedback")).text();
    const row = new RegExp(`<a [^>]*href="/admin/content/${id}"[^>]*>Craving tips \\d+</a></td><td>4</td><td>75%</td><td>2</td>`);
    expect(html).toMatch(row);
    expect(html).toContain("I wanted more about coffee.");
    const { cookie: memberCookie } = await createSignedInUser(testDb());
    expect((await new Browser(server.url, memberCookie).get("/admin/feedback")).status).toBe(403);
  });
});
