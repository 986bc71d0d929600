import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/app";
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
});
