import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client.server";
import { storedFiles } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { saveBlockedWords } from "~/modules/community/moderation.server";
import { explainUnsafeHtml, xssPayloads } from "../../fixtures/xss-payloads";
import { startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { clearRateLimits, member, postMultipart, renderedBodies, writePost } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("member content is inert wherever it is shown", () => {
  it(`renders all ${xssPayloads.length} hostile payloads (those with a NUL refused), stored as posts and as comments, without markup that could run script`, async () => {
    const author = await member(server.url, { displayName: "Xss Author" });
    const reader = await member(server.url, { displayName: "Xss Reader" });
    const ids: string[] = [];
    for (const [i, payload] of xssPayloads.entries()) {
      if (i % 20 === 0) await clearRateLimits();
      const { id, response } = await writePost(author.browser, { text: `${payload}` });
      // A NUL byte is refused at the edge of every form (typed-action.ts), so it is never stored.
      if (payload.includes("\u0000")) {
        expect(response.status, JSON.stringify(payload)).toBe(400);
        continue;
      }
      expect(response.status, payload).toBe(302);
      ids.push(id!);
    }
    // Every payload also as a comment on the first post.
    for (const [i, payload] of xssPayloads.entries()) {
      if (i % 50 === 0) await clearRateLimits();
      const response = await reader.browser.post(`/app/community/${ids[0]}`, { intent: "comment", text: payload });
      expect(response.status, JSON.stringify(payload)).toBe(payload.includes("\u0000") ? 400 : 200);
    }

    const pages: string[] = [];
    // The author's feed (held posts included), page by page through the "Load more" links.
    let path: string | null = "/app/community";
    while (path) {
      const html: string = await (await author.browser.get(path)).text();
      pages.push(html);
      const next: string | undefined = /href="(\/app\/community\?cursor=[^"]+)"/.exec(html)?.[1];
      path = next ? next.replaceAll("&amp;", "&") : null;
    }
    const detail = await (await reader.browser.get(`/app/community/${ids[0]}`)).text();
    pages.push(detail);
    for (const id of ids.slice(1, 15)) pages.push(await (await author.browser.get(`/app/community/${id}`)).text());

    const bodies = pages.flatMap(renderedBodies);
    // Every stored payload in the feed + the first post and its comments + 14 more detail pages.
    const stored = xssPayloads.filter((p) => !p.includes("\u0000")).length;
    expect(bodies.length).toBeGreaterThanOrEqual(stored * 2 + 14);
    for (const body of bodies) expect(explainUnsafeHtml(body), body).toEqual([]);
    for (const html of pages) {
      for (const payload of xssPayloads.filter((p) => p.includes("<") && !p.includes("\u0000"))) {
        expect(html.includes(payload), `unescaped: ${payload}`).toBe(false);
      }
    }
  }, 120_000); // 79 payloads × two kinds of pages: about 20 s on a quiet two-core machine
});

describe("anonymous posts", () => {
  it("never reveal the author to other members, in HTML or in the data responses", async () => {
    const author = await member(server.url, { displayName: "Secret Sparrow", email: "secret.sparrow@example.test" });
    const reader = await member(server.url);
    const { id } = await writePost(author.browser, { text: "Day 3 and it is hard. Posting without my name.", anonymous: "on" });
    expect(id).toBeTruthy();
    const responses = [
      await reader.browser.get("/app/community"),
      await reader.browser.get(`/app/community/${id}`),
      await reader.browser.get("/app/community.data"),
      await reader.browser.get(`/app/community/${id}.data`),
      await reader.browser.get("/app/community.data?index"),
    ];
    let sawPost = 0;
    for (const response of responses) {
      expect(response.status).toBe(200);
      const text = await response.text();
      if (text.includes("Posting without my name")) sawPost++;
      for (const secret of [author.user.id, "Secret Sparrow", "secret.sparrow@example.test", "Sparrow"])
        expect(text.includes(secret), secret).toBe(false);
    }
    expect(sawPost).toBeGreaterThanOrEqual(4);
    expect(await (await reader.browser.get(`/app/community/${id}`)).text()).toContain("Anonymous member");
  });
});

describe("ownership", () => {
  it("answers 404 to editing or deleting someone else's post, and leaves it unchanged", async () => {
    const owner = await member(server.url);
    const other = await member(server.url);
    const { id } = await writePost(owner.browser, { text: "My own words" });
    expect((await other.browser.get(`/app/community/${id}/edit`)).status).toBe(404);
    expect((await other.browser.post(`/app/community/${id}/edit`, { intent: "update-post", kind: "post", text: "Defaced" })).status).toBe(
      404,
    );
    expect((await other.browser.post(`/app/community/${id}`, { intent: "delete-post" })).status).toBe(404);
    expect((await other.browser.get("/app/community/not-a-uuid/edit")).status).toBe(404);
    const page = await (await owner.browser.get(`/app/community/${id}`)).text();
    expect(page).toContain("My own words");
    // The owner may edit.
    const saved = await owner.browser.post(`/app/community/${id}/edit`, {
      intent: "update-post",
      kind: "question",
      text: "My edited words",
    });
    expect(saved.status).toBe(302);
    expect(await (await owner.browser.get(`/app/community/${id}`)).text()).toContain("My edited words");
  });

  it("answers 400 with a clear message when the body fails the schema", async () => {
    const author = await member(server.url);
    const response = await author.browser.post("/app/community/new", { intent: "create-post", kind: "poem", text: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Please write something before posting.");
    expect(html).toContain("Please choose a type of post.");
  });
});

describe("photo uploads", () => {
  it("refuses an HTML file named .png and stores nothing", async () => {
    const author = await member(server.url);
    const form = new FormData();
    form.set("intent", "create-post");
    form.set("kind", "post");
    form.set("text", "Look at my photo");
    form.append("images", new Blob(["<html><script>alert(1)</script></html>"], { type: "image/png" }), "photo.png");
    const response = await postMultipart(author.browser, "/app/community/new", form);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Photos must be JPEG, PNG or WebP images.");
    const rows = await testDb().select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.ownerId, author.user.id));
    expect(rows).toHaveLength(0);
  });

  it("stores a real photo re-encoded without its location, under a new id, served to members and revalidated on each use", async () => {
    const author = await member(server.url);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a9d8f" } })
      .jpeg()
      .withExif({ IFD0: { Make: "SecretCam", Copyright: "GPS 10.77N 106.70E" } })
      .toBuffer();
    expect(jpeg.includes("SecretCam")).toBe(true);
    const form = new FormData();
    form.set("intent", "create-post");
    form.set("kind", "post");
    form.set("text", "My first smoke-free hike");
    form.append("images", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "../../etc/passwd.jpg");
    const response = await postMultipart(author.browser, "/app/community/new", form);
    expect(response.status).toBe(302);
    const postId = /community\/([0-9a-f-]{36})/.exec(response.headers.get("location")!)![1]!;
    const page = await (await author.browser.get(`/app/community/${postId}`)).text();
    const imageId = /\/resources\/images\/([0-9a-f-]{36})/.exec(page)![1]!;
    // A member's post is for members: anonymous visitors get nothing.
    expect((await fetch(`${server.url}/resources/images/${imageId}`)).status).toBe(404);
    const image = await (await member(server.url)).browser.get(`/resources/images/${imageId}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("cache-control")).toBe("private, no-cache");
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.includes("SecretCam")).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const [row] = await testDb().execute<{ n: number }>(
      sql`select count(*)::int as n from stored_files where owner_id = ${author.user.id}`,
    );
    expect(row!.n).toBe(1);
    expect((await fetch(`${server.url}/resources/images/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("refuses a photo over 5 MB before storing anything, and a fifth photo", async () => {
    const author = await member(server.url);
    const big = new FormData();
    big.set("intent", "create-post");
    big.set("kind", "post");
    big.set("text", "Huge photo");
    big.append("images", new Blob([new Uint8Array(5 * 1024 * 1024 + 10)], { type: "image/jpeg" }), "big.jpg");
    const tooBig = await postMultipart(author.browser, "/app/community/new", big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("Photos can be up to");
    const many = new FormData();
    many.set("intent", "create-post");
    many.set("kind", "post");
    many.set("text", "Five photos");
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    for (let i = 0; i < 5; i++) many.append("images", new Blob([new Uint8Array(png)], { type: "image/png" }), `p${i}.png`);
    const tooMany = await postMultipart(author.browser, "/app/community/new", many);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("You can add up to 4 photos.");
    const [row] = await testDb().execute<{ n: number }>(
      sql`select count(*)::int as n from stored_files where owner_id = ${author.user.id}`,
    );
    expect(row!.n).toBe(0);
  });

  it("refuses another member's image id in a post", async () => {
    const owner = await member(server.url);
    const thief = await member(server.url);
    const [file] = await testDb()
      .insert(storedFiles)
      .values({ ownerId: owner.user.id, contentType: "image/png", byteSize: 1, bytes: Buffer.from([1]) })
      .returning();
    const response = await thief.browser.post("/app/community/new", {
      intent: "create-post",
      kind: "post",
      text: "Borrowed photo",
      imageIds: file!.id,
    });
    expect(response.status).toBe(422);
  });
});

describe("the blocked-words list", () => {
  it("takes saves at once from two admins, each whole, one of them kept (the fuzz found a 500 here)", async () => {
    const { user } = await createSignedInUser(testDb(), { role: "admin" });
    // A pool of its own, so the saves really run side by side.
    const db = createDb(process.env.DATABASE_URL!, 10);
    try {
      const lists = ["spam\nscam\n<foo val=“bar” />", "scam\nspam\nfake cure"];
      const saves = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => saveBlockedWords(db, user.id, lists[i % 2]!)));
      expect(saves.filter((s) => s.status === "rejected")).toEqual([]);
      const rows = await testDb().execute<{ word: string }>(sql`select word from community_blocked_words order by word`);
      expect(lists.map((list) => list.split("\n").sort().join("\n"))).toContain(rows.map((r) => r.word).join("\n"));
    } finally {
      await db.$client.end({ timeout: 1 });
    }
  });
});
