import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, storedFiles } from "#db/schema";
import { bucketForm, requestTicket, type UploadTicket } from "~/components/community/direct-upload";
import type { ChatMessage } from "~/modules/coaching/messages";
import { s3Bucket, type S3Bucket } from "~/modules/storage/s3.server";
import { objectKeyOf } from "~/modules/storage/storage.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startS3 } from "../../setup/s3";
import { postMultipart } from "../community/helpers";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";
import { noMetadataLeft, photoWithLocation } from "./photos";

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

/** A member and their coach, each with a browser, and their conversation. */
async function chatPair() {
  const db = testDb();
  const pair = await pairWithCoach(db, await signedInCoach(db));
  return {
    ...pair,
    memberBrowser: new Browser(server.url, pair.member.cookie),
    coachBrowser: new Browser(server.url, pair.coach.cookie),
  };
}

/** The page script's fetch for this person: same origin, with their session cookie. */
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

/** What the conversation's script does with a chosen photo: a ticket, then a POST straight to the bucket. */
async function photoInBucket(browser: Browser, bytes: Buffer, contentType = "image/jpeg"): Promise<UploadTicket> {
  const { ticket, failure } = await requestTicket(contentType, fetchAs(browser));
  expect(failure).toBeUndefined();
  const sent = await fetch(ticket!.url, {
    method: "POST",
    body: bucketForm(ticket!, new Blob([new Uint8Array(bytes)], { type: contentType })),
  });
  expect(sent.status).toBe(204);
  return ticket!;
}

/** The message form as the script posts it (`?live=1`): text, client id, and the photo's key or file. */
async function sendMessage(
  browser: Browser,
  conversationId: string,
  photo: { key: string } | { file: Buffer } | { key: string; file: Buffer },
) {
  const form = new FormData();
  form.set("intent", "send-message");
  form.set("clientId", randomUUID());
  form.set("body", "My first week without smoking");
  if ("key" in photo) form.set("uploadedPhoto", photo.key);
  if ("file" in photo) form.append("photo", new Blob([new Uint8Array(photo.file)], { type: "image/jpeg" }), "week.jpg");
  const response = await postMultipart(browser, `/resources/conversations/${conversationId}?live=1`, form);
  const answer = (await response.json()) as
    { ok: true; result: { message: ChatMessage } } | { ok: false; submission?: { error?: Record<string, string[]> } };
  return { status: response.status, answer };
}

const filesOf = (ownerId: string) => testDb().select().from(storedFiles).where(eq(storedFiles.ownerId, ownerId));
const messagesIn = (conversationId: string) => testDb().select().from(messages).where(eq(messages.conversationId, conversationId));

describe("chat photos with STORAGE=s3", () => {
  it("go browser → bucket by presigned POST, are checked and stripped, and reach the coach by a one-minute link", async () => {
    const pair = await chatPair();
    const ticket = await photoInBucket(pair.memberBrowser, await photoWithLocation());
    expect(ticket.key).toMatch(new RegExp(`^uploads/${pair.member.id}/[0-9a-f-]{36}$`));

    const { status, answer } = await sendMessage(pair.memberBrowser, pair.conversation.id, { key: ticket.key });
    expect(status).toBe(200);
    expect(answer.ok).toBe(true);
    const message = (answer as { result: { message: ChatMessage } }).result.message;
    expect(message.photoUrl).toBe(`/resources/chat-photos/${message.id}`);
    // The raw upload is gone; what is kept is the re-encoded copy under its own id.
    expect(await bucket.head(ticket.key)).toBeNull();
    const [file] = await filesOf(pair.member.id);
    expect(file).toMatchObject({ store: "s3", bytes: null, contentType: "image/jpeg" });
    expect(await noMetadataLeft((await bucket.get(objectKeyOf(file!.id)))!)).toBe(true);

    for (const browser of [pair.coachBrowser, pair.memberBrowser]) {
      const served = await browser.get(message.photoUrl!);
      expect(served.status).toBe(302);
      expect(served.headers.get("cache-control")).toBe("private, no-store");
      const link = served.headers.get("location")!;
      expect(link).toContain(`/files/${file!.id}`);
      expect(link).toContain("X-Amz-Expires=60");
      const fromBucket = await fetch(link);
      expect(fromBucket.status).toBe(200);
      expect(await noMetadataLeft(Buffer.from(await fromBucket.arrayBuffer()))).toBe(true);
    }
    // Nobody outside the conversation gets a link.
    const outsider = await chatPair();
    expect((await outsider.memberBrowser.get(message.photoUrl!)).status).toBe(404);
    const anonymous = await new Browser(server.url).get(message.photoUrl!);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    // Deleting the message deletes its photo from the bucket and the table.
    const deleted = await pair.memberBrowser.post(`/resources/conversations/${pair.conversation.id}?live=1`, {
      intent: "delete-message",
      messageId: message.id,
    });
    expect(deleted.status).toBe(200);
    expect(await bucket.head(objectKeyOf(file!.id))).toBeNull();
    expect(await filesOf(pair.member.id)).toEqual([]);
  });

  it("refuses an object that is not a photo (deleting it), another member's upload (404), and a key with a file besides", async () => {
    const pair = await chatPair();
    // s3rver, unlike S3, does not enforce the policy: this stands for any upload that got past it.
    const fake = await photoInBucket(pair.memberBrowser, Buffer.from("<html><script>alert(1)</script></html>"));
    const refused = await sendMessage(pair.memberBrowser, pair.conversation.id, { key: fake.key });
    expect(refused.status).toBe(422);
    expect(refused.answer).toMatchObject({ ok: false, submission: { error: { photo: ["chat:errors.photoType"] } } });
    expect(await bucket.head(fake.key)).toBeNull();

    const theirs = await photoInBucket(pair.coachBrowser, await photoWithLocation());
    expect((await sendMessage(pair.memberBrowser, pair.conversation.id, { key: theirs.key })).status).toBe(404);
    // Theirs alone: it stays where it is for them.
    expect(await bucket.head(theirs.key)).not.toBeNull();

    for (const key of [
      `uploads/${pair.member.id}/../${pair.coach.id}/x`,
      `files/${randomUUID()}`,
      `uploads/${pair.member.id}/${randomUUID()}`,
    ])
      expect((await sendMessage(pair.memberBrowser, pair.conversation.id, { key })).status, key).toBe(422);
    const mine = await photoInBucket(pair.memberBrowser, await photoWithLocation());
    const both = await sendMessage(pair.memberBrowser, pair.conversation.id, { key: mine.key, file: await photoWithLocation() });
    expect(both.status).toBe(422);
    expect(both.answer).toMatchObject({ ok: false, submission: { error: { photo: ["chat:errors.photoUnreadable"] } } });

    expect(await filesOf(pair.member.id)).toEqual([]);
    expect(await messagesIn(pair.conversation.id)).toEqual([]);
  });

  it("tells the conversation's page to upload directly, and keeps the photo in the form working without JavaScript", async () => {
    const pair = await chatPair();
    const page = await (await pair.memberBrowser.get("/app/coach")).text();
    expect(page).toContain('data-photo-upload="direct"');

    const { status, answer } = await sendMessage(pair.memberBrowser, pair.conversation.id, { file: await photoWithLocation() });
    expect(status).toBe(200);
    const message = (answer as { result: { message: ChatMessage } }).result.message;
    const [file] = await filesOf(pair.member.id);
    expect(file!.store).toBe("s3");
    const served = await pair.coachBrowser.get(message.photoUrl!);
    expect(served.status).toBe(302);
    expect(await noMetadataLeft(Buffer.from(await (await fetch(served.headers.get("location")!)).arrayBuffer()))).toBe(true);
  });
});
