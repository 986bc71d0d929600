import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "#db/schema";
import { s3Bucket, type S3Bucket } from "~/modules/storage/s3.server";
import { objectKeyOf } from "~/modules/storage/storage.server";
import { startTestServer, type Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startS3 } from "../../setup/s3";
import { cast, imageIdsOn, moderate, noMetadataLeft, photoWithLocation, postIdOf, postWithPhoto } from "./photos";

let server: Awaited<ReturnType<typeof startTestServer>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let bucket: S3Bucket;
beforeAll(async () => {
  s3 = await startS3();
  bucket = s3Bucket(s3.settings);
  // Before anything reads the environment: this file's app keeps its files in the s3rver bucket.
  Object.assign(process.env, s3.env);
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
});

type Ticket = { url: string; fields: Record<string, string>; key: string };

async function askForTicket(browser: Browser, contentType: string) {
  const response = await fetch(new URL("/resources/uploads", browser.baseUrl), {
    method: "POST",
    body: JSON.stringify({ contentType }),
    headers: { Cookie: browser.cookieHeader, Origin: browser.baseUrl, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; ticket?: Ticket; error?: string } };
}

/** What the browser does with the ticket: a multipart POST straight to the bucket, the file last. */
async function sendToBucket(ticket: Ticket, bytes: Buffer, contentType: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.set(name, value);
  form.set("file", new Blob([new Uint8Array(bytes)], { type: contentType }), "photo");
  return (await fetch(ticket.url, { method: "POST", body: form })).status;
}

const postWithUploaded = (browser: Browser, key: string) =>
  browser.post("/app/community/new", { intent: "create-post", kind: "post", text: "Straight to the bucket", uploaded: key });

const filesOf = (ownerId: string) => testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, ownerId));

describe("photos with STORAGE=s3", () => {
  it("go browser → bucket by a presigned POST whose conditions the server fixed, then are checked, stripped and served by a one-minute link", async () => {
    const { author, reader, admin, visitor } = await cast(server.url);
    const asked = await askForTicket(author.browser, "image/jpeg");
    expect(asked.status).toBe(200);
    const ticket = asked.body.ticket!;
    expect(ticket.key).toMatch(new RegExp(`^uploads/${author.user.id}/[0-9a-f-]{36}$`));
    // The signed policy names exactly this key, this type and at most 5 MB: the browser cannot widen them.
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy!, "base64").toString("utf8")) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["eq", "$key", ticket.key],
        ["eq", "$Content-Type", "image/jpeg"],
        ["content-length-range", 1, 5 * 1024 * 1024],
      ]),
    );
    expect(await sendToBucket(ticket, await photoWithLocation(), "image/jpeg")).toBe(204);

    const posted = await postWithUploaded(author.browser, ticket.key);
    expect(posted.status).toBe(302);
    const postId = postIdOf(posted)!;
    // The raw upload is gone; what is kept is the re-encoded copy under its own id.
    expect(await bucket.head(ticket.key)).toBeNull();
    const [file] = await filesOf(author.user.id);
    expect(file).toMatchObject({ store: "s3", bytes: null, contentType: "image/jpeg" });
    expect(await noMetadataLeft((await bucket.get(objectKeyOf(file!.id)))!)).toBe(true);
    expect(await imageIdsOn(author.browser, postId)).toEqual([file!.id]);

    const path = `/resources/images/${file!.id}`;
    const served = await reader.browser.get(path);
    expect(served.status).toBe(302);
    expect(served.headers.get("cache-control")).toBe("private, no-store");
    const link = served.headers.get("location")!;
    expect(link).toContain(`/files/${file!.id}`);
    expect(link).toContain("X-Amz-Expires=60");
    const fromBucket = await fetch(link);
    expect(fromBucket.status).toBe(200);
    expect(await noMetadataLeft(Buffer.from(await fromBucket.arrayBuffer()))).toBe(true);
    expect((await visitor.get(path)).status).toBe(404);

    expect((await moderate(admin, postId, "hide")).status).toBe(200);
    expect((await reader.browser.get(path)).status).toBe(404);

    // Deletion follows the post: its photo leaves the bucket and the table.
    expect((await author.browser.post(`/app/community/${postId}`, { intent: "delete-post" })).status).toBe(302);
    expect(await bucket.head(objectKeyOf(file!.id))).toBeNull();
    expect(await filesOf(author.user.id)).toEqual([]);
  });

  it("refuses an object that is not the image it claims, deleting it, and keys outside the member's own prefix", async () => {
    const { author, reader } = await cast(server.url);
    // s3rver, unlike S3, does not enforce the policy: this stands for any upload that got past it.
    const { body } = await askForTicket(author.browser, "image/jpeg");
    expect(await sendToBucket(body.ticket!, Buffer.from("<html><script>alert(1)</script></html>"), "image/jpeg")).toBe(204);
    const refused = await postWithUploaded(author.browser, body.ticket!.key);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Photos must be JPEG, PNG or WebP images.");
    expect(await bucket.head(body.ticket!.key)).toBeNull();
    expect(await filesOf(author.user.id)).toEqual([]);

    const theirs = await askForTicket(reader.browser, "image/jpeg");
    expect(await sendToBucket(theirs.body.ticket!, await photoWithLocation(), "image/jpeg")).toBe(204);
    expect((await postWithUploaded(author.browser, theirs.body.ticket!.key)).status).toBe(422);
    expect(await bucket.head(theirs.body.ticket!.key)).not.toBeNull();
    expect((await postWithUploaded(author.browser, `uploads/${author.user.id}/../${reader.user.id}/x`)).status).toBe(422);
  });

  it("hands out no form for a type that is not a photo, nor to anyone signed out", async () => {
    const { author } = await cast(server.url);
    const svg = await askForTicket(author.browser, "image/svg+xml");
    expect(svg.status).toBe(422);
    expect(svg.body.error).toBe("Photos must be JPEG, PNG or WebP images.");
    expect((await askForTicket(author.browser, "x".repeat(500))).status).toBe(400);
    const anonymous = await fetch(new URL("/resources/uploads", server.url), {
      method: "POST",
      body: JSON.stringify({ contentType: "image/png" }),
      headers: { Origin: server.url, "Content-Type": "application/json" },
      redirect: "manual",
    });
    expect(anonymous.status).toBe(302);
  });

  it("keeps the form upload working without JavaScript (the server puts the checked copy in the bucket)", async () => {
    const { author, reader } = await cast(server.url);
    const posted = await postWithPhoto(author.browser, await photoWithLocation());
    expect(posted.status).toBe(302);
    const [file] = await filesOf(author.user.id);
    expect(file!.store).toBe("s3");
    const served = await reader.browser.get(`/resources/images/${file!.id}`);
    expect(served.status).toBe(302);
    expect(await noMetadataLeft(Buffer.from(await (await fetch(served.headers.get("location")!)).arrayBuffer()))).toBe(true);
  });
});
