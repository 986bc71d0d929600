import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "#db/schema";
import { bucketForm, requestTicket, withUploadedKeys, type UploadTicket } from "~/components/community/direct-upload";
import { UPLOAD_TICKET_LIMIT } from "~/modules/storage/direct-uploads.server";
import { s3Bucket, type S3Bucket } from "~/modules/storage/s3.server";
import { objectKeyOf } from "~/modules/storage/storage.server";
import { startTestServer, type Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startS3 } from "../../setup/s3";
import { postMultipart } from "../community/helpers";
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

type Ticket = UploadTicket;

/** The browser's fetch for this member: same origin, with their session cookie. */
const fetchAs =
  (browser: Browser): typeof fetch =>
  (url, init) =>
    fetch(new URL(String(url), browser.baseUrl), {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        Cookie: browser.cookieHeader,
        Origin: browser.baseUrl,
        "Sec-Fetch-Site": "same-origin",
      },
    });

async function askForTicket(browser: Browser, contentType: string) {
  const response = await fetchAs(browser)("/resources/uploads", {
    method: "POST",
    body: JSON.stringify({ contentType }),
    headers: { "Content-Type": "application/json" },
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { ok: boolean; ticket?: Ticket; error?: string },
  };
}

/** What the browser does with the ticket (the post form's own code builds the body): a multipart POST straight to the bucket, the file last. */
async function sendToBucket(ticket: Ticket, bytes: Buffer, contentType: string) {
  return (await fetch(ticket.url, { method: "POST", body: bucketForm(ticket, new Blob([new Uint8Array(bytes)], { type: contentType })) }))
    .status;
}

/** The post form as the browser submits it after a direct upload: the form's fields with the keys in place of the files. */
function postWithUploaded(browser: Browser, ...keys: string[]) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ intent: "create-post", kind: "post", text: "Straight to the bucket" }))
    form.set(name, value);
  form.append("images", new Blob([new Uint8Array([1, 2, 3])], { type: "image/jpeg" }), "left-behind.jpg");
  return postMultipart(browser, "/app/community/new", withUploadedKeys(form, keys));
}

const filesOf = (ownerId: string) => testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, ownerId));

describe("photos with STORAGE=s3", () => {
  it("go browser → bucket by a presigned POST whose conditions the server fixed, then are checked, stripped and served by a one-minute link", async () => {
    const { author, reader, admin, visitor } = await cast(server.url);
    // The post form's own ticket request, through this member's session.
    const asked = await requestTicket("image/jpeg", fetchAs(author.browser));
    expect(asked.failure).toBeUndefined();
    const ticket = asked.ticket!;
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
    // Another member's upload is theirs alone: a 404, and it stays where it is for them.
    expect((await postWithUploaded(author.browser, theirs.body.ticket!.key)).status).toBe(404);
    expect(await bucket.head(theirs.body.ticket!.key)).not.toBeNull();
    for (const key of [
      `uploads/${author.user.id}/../${reader.user.id}/x`,
      `uploads/${author.user.id}/${theirs.body.ticket!.key.split("/")[2]}/extra`,
      `files/${theirs.body.ticket!.key.split("/")[2]}`,
      `/uploads/${author.user.id}/${theirs.body.ticket!.key.split("/")[2]}`,
    ])
      expect((await postWithUploaded(author.browser, key)).status, key).toBe(422);
    expect(await bucket.head(theirs.body.ticket!.key)).not.toBeNull();
    expect(await filesOf(author.user.id)).toEqual([]);
  });

  it("counts tickets per member in Postgres: the 31st in ten minutes is a 429 with Retry-After, other members unaffected", async () => {
    const { author, reader } = await cast(server.url);
    for (let i = 0; i < UPLOAD_TICKET_LIMIT.limit; i++) expect((await askForTicket(author.browser, "image/png")).status).toBe(200);
    const refused = await askForTicket(author.browser, "image/png");
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.error).toMatch(/^You are adding photos very quickly\. Please try again in \d+ minutes\.$/);
    // The form shows the server's words as they are.
    // (Its minutes may have rounded to another whole number between the two requests.)
    expect(await requestTicket("image/png", fetchAs(author.browser))).toEqual({
      failure: { message: expect.stringMatching(/^You are adding photos very quickly\. Please try again in \d+ minutes\.$/) },
    });
    expect((await askForTicket(reader.browser, "image/png")).status).toBe(200);
  });

  it("signs the policy, so a widened one loses its signature, and an object over the limit that got in anyway is refused and deleted", async () => {
    const { author } = await cast(server.url);
    const { body } = await askForTicket(author.browser, "image/jpeg");
    const ticket = body.ticket!;
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy!, "base64").toString("utf8")) as { conditions: unknown[] };
    const widened = {
      ...policy,
      conditions: policy.conditions.map((c) => (Array.isArray(c) && c[0] === "content-length-range" ? [c[0], 1, 50 * 1024 * 1024] : c)),
    };
    // s3rver stores POSTs without reading the policy; S3 checks its SigV4 signature, as this does with the same keys.
    const signatureOf = (policyBase64: string) => {
      const [, date, region, service, scope] = ticket.fields["X-Amz-Credential"]!.split("/");
      const key = [date!, region!, service!, scope!].reduce<Buffer>(
        (k, part) => createHmac("sha256", k).update(part).digest(),
        Buffer.from(`AWS4${s3.env.AWS_SECRET_ACCESS_KEY}`),
      );
      return createHmac("sha256", key).update(policyBase64).digest("hex");
    };
    expect(signatureOf(ticket.fields.Policy!)).toBe(ticket.fields["X-Amz-Signature"]);
    expect(signatureOf(Buffer.from(JSON.stringify(widened)).toString("base64"))).not.toBe(ticket.fields["X-Amz-Signature"]);

    // s3rver does not enforce content-length-range (S3 does): the server's own check is the backstop.
    const big = Buffer.concat([await photoWithLocation(), Buffer.alloc(5 * 1024 * 1024)]);
    expect(await sendToBucket(ticket, big, "image/jpeg")).toBe(204);
    const refused = await postWithUploaded(author.browser, ticket.key);
    expect(refused.status).toBe(413);
    expect(await bucket.head(ticket.key)).toBeNull();
    expect(await filesOf(author.user.id)).toEqual([]);
  });

  it("lets the form's pages reach the bucket (CSP) and tells them to upload directly", async () => {
    const { author } = await cast(server.url);
    const page = await author.browser.get("/app/community/new");
    const csp = page.headers.get("content-security-policy")!;
    const origin = new URL(s3.settings.endpoint!).origin;
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${origin}(;|$)`));
    expect(csp).toMatch(new RegExp(`img-src [^;]*${origin}`));
    // The form renders its upload status region only when it uploads directly.
    expect(await page.text()).toContain('id="post-upload-status"');
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
