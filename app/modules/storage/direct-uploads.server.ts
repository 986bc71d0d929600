import { randomUUID } from "node:crypto";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit, type RateLimitRule } from "~/lib/rate-limit.server";
import { isUuid } from "~/lib/uuid";
import type { S3Bucket } from "./s3.server";

/** How long a browser has to send its file after asking for the form. */
export const UPLOAD_TICKET_SECONDS = 300;

/** Every direct upload of one member lands under this prefix, fixed by the server. */
export const uploadPrefix = (ownerId: string) => `uploads/${ownerId}/`;

/** Tickets one member may ask for (counted in Postgres, so it holds across processes): four photos a post leaves plenty of room. */
export const UPLOAD_TICKET_LIMIT: RateLimitRule = { limit: 30, windowSeconds: 10 * 60 };

export type UploadTicket = { url: string; fields: Record<string, string>; key: string };

/**
 * A presigned POST for one file straight from the browser to the bucket: the key (under the
 * member's prefix), the content type and the size range are signed conditions S3 enforces.
 * What arrives is still unverified: `takeUpload` reads it before anything uses it.
 */
export async function createUploadTicket(
  db: Database,
  bucket: S3Bucket,
  ownerId: string,
  contentType: string,
  rules: { types: readonly string[]; maxBytes: number },
): Promise<UploadTicket> {
  if (!rules.types.includes(contentType)) throw new DomainError("invalid", "community:errors.imageType", { field: "contentType" });
  const [limit] = await hitRateLimit(db, [`upload-ticket:${ownerId}`], UPLOAD_TICKET_LIMIT);
  if (limit!.limited)
    throw new DomainError("rate-limited", "community:errors.uploadingTooFast", {
      retryAfterSeconds: limit!.retryAfterSeconds,
      values: { minutes: Math.ceil(limit!.retryAfterSeconds / 60) },
    });
  const key = `${uploadPrefix(ownerId)}${randomUUID()}`;
  const post = await bucket.presignedPost(key, contentType, rules.maxBytes, UPLOAD_TICKET_SECONDS);
  return { url: post.url, fields: post.fields, key };
}

const notAnUpload = () => new DomainError("invalid", "community:errors.imageInvalid", { field: "images" });

/**
 * The bytes of a member's direct upload, taken out of the bucket: the raw object is deleted
 * whatever happens next, so only the checked, re-encoded copy the caller stores is ever served.
 * A key not shaped as a ticket's, a missing object or one over `maxBytes` is refused; another member's is a 404.
 */
export async function takeUpload(bucket: S3Bucket, ownerId: string, key: string, maxBytes: number): Promise<Uint8Array> {
  const [root, owner, name, ...rest] = key.split("/");
  if (root !== "uploads" || !isUuid(owner ?? "") || !isUuid(name ?? "") || rest.length > 0) throw notAnUpload();
  // Another member's upload is not ours to see: as if it did not exist.
  if (owner !== ownerId) throw new DomainError("not-found", "community:errors.imageInvalid", { field: "images" });
  const head = await bucket.head(key);
  if (!head) throw notAnUpload();
  try {
    if (head.size > maxBytes)
      throw new DomainError("too-large", "community:errors.imageTooLarge", {
        field: "images",
        values: { megabytes: Math.round(maxBytes / 1024 / 1024) },
      });
    const bytes = await bucket.get(key);
    if (!bytes || bytes.length > maxBytes) throw notAnUpload();
    return bytes;
  } finally {
    await bucket.delete(key);
  }
}
