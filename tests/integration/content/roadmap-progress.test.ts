import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { createContentItem, schedulePublication, unpublishContentItem } from "~/modules/content/content.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

let counter = 0;
const steps = ["clear-out", "morning", "nrt"];

async function publishedRoadmap() {
  const editor = await createUser(testDb(), { role: "editor" });
  const n = ++counter;
  const id = await createContentItem(testDb(), editor.id, {
    kind: "roadmap",
    topic: "withdrawal",
    medical: false,
    tags: [],
    featured: false,
    authorName: null,
    sources: [],
    translations: [
      {
        locale: "en",
        slug: `first-days-${n}`,
        title: "First days",
        summary: "Three steps.",
        markdown:
          "Start here.\n\n## Clear out {#clear-out}\nBin them.\n\n## Plan the morning {#morning}\nWalk.\n\n## Have NRT ready {#nrt}\nPatch on.",
      },
      {
        locale: "vi",
        slug: `nhung-ngay-dau-${n}`,
        title: "Những ngày đầu",
        summary: "Ba bước.",
        markdown: "## Dọn sạch {#clear-out}\nBỏ hết.\n\n## Buổi sáng {#morning}\nĐi bộ.\n\n## Chuẩn bị NRT {#nrt}\nDán miếng.",
      },
    ],
  });
  await schedulePublication(testDb(), id, new Date(Date.now() - 1000), new Date());
  return { id, path: `/learn/first-days-${n}`, viPath: `/vi/learn/nhung-ngay-dau-${n}` };
}

async function member() {
  const { cookie } = await createSignedInUser(testDb(), { timeZone: "UTC" });
  return new Browser(server.url, cookie);
}

/** Steps the page offers to tick (each a one-button form posting done=yes). */
const toTick = (html: string) => html.match(/name="done" value="yes"/g)?.length ?? 0;

const tick = (browser: Browser, path: string, step: string, done = "yes") => browser.post(path, { intent: "tick-step", step, done });

describe("a member ticks off a roadmap's steps", () => {
  it("without JavaScript: each step is a one-button form, and the page counts what is done", async () => {
    const roadmap = await publishedRoadmap();
    const browser = await member();
    const before = await (await browser.get(roadmap.path)).text();
    expect(before).toContain("0 of 3 done");
    for (const step of steps) expect(before).toContain(`name="step" value="${step}"`);
    expect(toTick(before)).toBe(3);

    const ticked = await tick(browser, roadmap.path, "morning");
    expect(ticked.status).toBe(200);
    const after = await ticked.text();
    expect(after).toContain("1 of 3 done");
    expect(toTick(after)).toBe(2);

    await tick(browser, roadmap.path, "nrt");
    await tick(browser, roadmap.path, "nrt"); // a second tick of the same step changes nothing
    expect(await (await browser.get(roadmap.path)).text()).toContain("2 of 3 done");
  });

  it("progress is the member's own, shared by both languages of the roadmap, and can be undone", async () => {
    const roadmap = await publishedRoadmap();
    const first = await member();
    const second = await member();
    await tick(first, roadmap.path, "clear-out");
    await tick(first, roadmap.path, "morning");
    expect(await (await first.get(roadmap.viPath)).text()).toContain("Đã xong 2/3 bước");
    expect(await (await second.get(roadmap.path)).text()).toContain("0 of 3 done");

    await tick(first, roadmap.path, "morning", "no");
    expect(await (await first.get(roadmap.path)).text()).toContain("1 of 3 done");
  });

  it("an unknown step is a 404, bad input a 400, a visitor is asked to sign in, an article has no steps to tick", async () => {
    const roadmap = await publishedRoadmap();
    const browser = await member();
    expect((await tick(browser, roadmap.path, "no-such-step")).status).toBe(404);
    expect((await browser.post(roadmap.path, { intent: "tick-step", step: "nrt", done: "maybe" })).status).toBe(400);
    expect(await (await browser.get(roadmap.path)).text()).toContain("0 of 3 done");

    const visitor = new Browser(server.url);
    const page = await (await visitor.get(roadmap.path)).text();
    expect(page).toMatch(/<a href="\/login"[^>]*>Sign in to tick off steps/);
    expect(page).not.toContain('value="tick-step"');
    expect((await tick(visitor, roadmap.path, "nrt")).status).toBe(302);

    const editor = await createUser(testDb(), { role: "editor" });
    const articleId = await createContentItem(testDb(), editor.id, {
      kind: "article",
      topic: "cravings",
      medical: false,
      tags: [],
      featured: false,
      authorName: null,
      sources: [],
      translations: [
        { locale: "en", slug: `an-article-${++counter}`, title: "An article", summary: "", markdown: "## Wait {#wait}\nIt passes." },
      ],
    });
    await schedulePublication(testDb(), articleId, new Date(Date.now() - 1000), new Date());
    expect((await tick(browser, `/learn/an-article-${counter}`, "wait")).status).toBe(404);
  });

  it("an unpublished roadmap takes no ticks", async () => {
    const roadmap = await publishedRoadmap();
    const browser = await member();
    await unpublishContentItem(testDb(), roadmap.id);
    expect((await tick(browser, roadmap.path, "nrt")).status).toBe(404);
  });
});
