import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { postMultipart } from "../community/helpers";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";
import { cast, imageIdsOn, moderate, noMetadataLeft, photoWithLocation, postIdOf, postWithPhoto } from "./photos";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("a post's photo in the default store", () => {
  it("is checked and stripped on upload, served to members with revalidation, and stops at once when the post is hidden", async () => {
    const { author, reader, admin, visitor } = await cast(server.url);
    const posted = await postWithPhoto(author.browser, await photoWithLocation());
    expect(posted.status).toBe(302);
    const postId = postIdOf(posted)!;
    const [imageId] = await imageIdsOn(author.browser, postId);
    const path = `/resources/images/${imageId}`;

    const served = await reader.browser.get(path);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("private, no-cache");
    expect(served.headers.get("etag")).toBe(`"${imageId}"`);
    expect(await noMetadataLeft(Buffer.from(await served.arrayBuffer()))).toBe(true);
    // The browser's copy is confirmed by a 304 while the post is visible...
    expect((await reader.browser.get(path, { "If-None-Match": `"${imageId}"` })).status).toBe(304);
    expect((await visitor.get(path)).status).toBe(404);

    // ...and refused as soon as a moderator hides the post: no cached copy outlives the decision.
    expect((await moderate(admin, postId, "hide")).status).toBe(200);
    expect((await reader.browser.get(path, { "If-None-Match": `"${imageId}"` })).status).toBe(404);
    expect((await reader.browser.get(path)).status).toBe(404);
    // Its author and the moderators still see what was hidden.
    expect((await author.browser.get(path)).status).toBe(200);
    expect((await admin.get(path)).status).toBe(200);

    expect((await moderate(admin, postId, "restore")).status).toBe(200);
    expect((await reader.browser.get(path)).status).toBe(200);
    expect((await moderate(admin, postId, "remove")).status).toBe(200);
    expect((await reader.browser.get(path)).status).toBe(404);
  });

  it("keeps the plain form upload: no direct-upload status on the page, no tickets, the bucket's origin nowhere in the CSP", async () => {
    const { author } = await cast(server.url);
    const page = await author.browser.get("/app/community/new");
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self';");
    expect(await page.text()).not.toContain('id="post-upload-status"');
    const ticket = await fetch(new URL("/resources/uploads", server.url), {
      method: "POST",
      body: JSON.stringify({ contentType: "image/png" }),
      headers: {
        Cookie: author.browser.cookieHeader,
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/json",
      },
    });
    expect(ticket.status).toBe(404);
  });

  it("keeps a chat photo in the form: checked, stripped and served by us; a bucket key means nothing here", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const member = new Browser(server.url, pair.member.cookie);
    const coach = new Browser(server.url, pair.coach.cookie);
    expect(await (await member.get("/app/coach")).text()).toContain('data-photo-upload="form"');
    const send = (photo: { key: string } | { file: Buffer }) => {
      const form = new FormData();
      form.set("intent", "send-message");
      form.set("clientId", randomUUID());
      if ("key" in photo) form.set("uploadedPhoto", photo.key);
      else form.append("photo", new Blob([new Uint8Array(photo.file)], { type: "image/jpeg" }), "week.jpg");
      return postMultipart(member, `/resources/conversations/${pair.conversation.id}?live=1`, form);
    };
    const sent = await send({ file: await photoWithLocation() });
    expect(sent.status).toBe(200);
    const { result } = (await sent.json()) as { result: { message: { photoUrl: string } } };
    const served = await coach.get(result.message.photoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("private, no-store");
    expect(await noMetadataLeft(Buffer.from(await served.arrayBuffer()))).toBe(true);
    expect((await send({ key: `uploads/${pair.member.id}/${randomUUID()}` })).status).toBe(422);
  });
});
