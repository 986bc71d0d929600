import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { coachAssignments, conversations, messages, storedFiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { isUuid } from "~/lib/uuid";
import { MAX_IMAGE_BYTES, sanitizeImage } from "~/modules/community/images";
import { takeUpload } from "~/modules/storage/direct-uploads.server";
import { filesBucket, fileStorage, type StoredFile } from "~/modules/storage/storage.server";

export const PHOTO_FIELD = "photo";
/** The key of a photo the browser sent straight to the bucket (STORAGE=s3, presigned POST), still to be checked. */
export const UPLOADED_PHOTO_FIELD = "uploadedPhoto";
const MAX_TEXT_PART = 64 * 1024;

const photoError = (key: string, kind: "invalid" | "too-large" | "malformed" = "invalid") =>
  new DomainError(kind, `chat:errors.${key}`, { field: PHOTO_FIELD });

/**
 * Reads a chat form: plain, or multipart with at most one photo of at most 5 MB (held in memory
 * until checked) and small text fields. Throws a DomainError on the photo field.
 */
export async function readChatForm(request: Request): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES });
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART });
  let files = 0;
  try {
    return await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) return text(part);
      if (part.name !== PHOTO_FIELD || part.filename === "" || ++files > 1) {
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      return memory(part);
    });
  } catch (error) {
    throw error instanceof MaxPartSizeExceededError && error.field === PHOTO_FIELD
      ? photoError("photoTooLarge", "too-large")
      : photoError("photoUnreadable", "malformed");
  }
}

/** What the conversation's form needs to send its photo straight to the bucket (STORAGE=s3); null when it goes in the form. */
export function chatDirectUpload(db: Database): { maxBytes: number } | null {
  return fileStorage(db).kind === "s3" ? { maxBytes: MAX_IMAGE_BYTES } : null;
}

/**
 * The photo's bytes as sent: in the form itself, or (with S3) taken out of the bucket where the
 * browser put it, so a photo that fails the check is already deleted; null when none was sent.
 */
async function sentPhoto(db: Database, ownerId: string, formData: FormData): Promise<Uint8Array | null> {
  const upload = formData.get(PHOTO_FIELD);
  const file = upload && typeof upload !== "string" && upload.size > 0 ? upload : null;
  const uploaded = formData.get(UPLOADED_PHOTO_FIELD);
  const key = typeof uploaded === "string" && uploaded !== "" ? uploaded : null;
  if (!key) return file ? new Uint8Array(await file.arrayBuffer()) : null;
  // One photo a message, and a key means something only when photos go to the bucket.
  if (file || fileStorage(db).kind !== "s3") throw photoError("photoUnreadable");
  try {
    return await takeUpload(filesBucket(), ownerId, key, MAX_IMAGE_BYTES);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.kind === "too-large") throw photoError("photoTooLarge", "too-large");
    // Another member's upload stays a 404, as if it did not exist.
    if (error.kind === "not-found") throw new DomainError("not-found", "chat:errors.photoUnreadable", { field: PHOTO_FIELD });
    throw photoError("photoUnreadable");
  }
}

/** The form's photo checked by its bytes (JPEG, PNG, WebP), re-encoded without metadata and stored; null when none was sent. */
export async function storeChatPhoto(db: Database, ownerId: string, formData: FormData): Promise<string | null> {
  const bytes = await sentPhoto(db, ownerId, formData);
  if (!bytes) return null;
  let image;
  try {
    image = await sanitizeImage(bytes);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw photoError(error.message.endsWith("imageTooLarge") ? "photoTooLarge" : "photoType");
  }
  const { id } = await fileStorage(db).put({ bytes: image.bytes, contentType: image.contentType, ownerId });
  return id;
}

/**
 * A message's photo, for the two people in its conversation while the assignment is active (or its
 * coach, once a former member's); anyone else: not found. With S3 a link to the bucket that lives a
 * minute, otherwise the bytes.
 */
export async function chatPhotoFor(db: Database, userId: string, messageId: string): Promise<{ link: string } | { file: StoredFile }> {
  if (!isUuid(messageId)) throw new DomainError("not-found", "errors:notFound.title");
  const [row] = await db
    .select({ attachmentId: messages.attachmentId, contentType: storedFiles.contentType })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(coachAssignments, and(eq(coachAssignments.id, conversations.assignmentId), eq(coachAssignments.status, "active")))
    .innerJoin(storedFiles, eq(storedFiles.id, messages.attachmentId))
    .where(
      and(
        eq(messages.id, messageId),
        isNull(messages.deletedAt),
        or(
          and(isNotNull(coachAssignments.id), or(eq(conversations.memberId, userId), eq(conversations.coachId, userId))),
          // A former member's chat kept for the coach's records (the member's own photos went with the account).
          and(isNull(conversations.memberId), eq(conversations.coachId, userId)),
        ),
      ),
    );
  if (!row?.attachmentId) throw new DomainError("not-found", "errors:notFound.title");
  const storage = fileStorage(db);
  const link = await storage.directUrl(row.attachmentId, row.contentType);
  if (link) return { link };
  const file = await storage.get(row.attachmentId);
  if (!file) throw new DomainError("not-found", "errors:notFound.title");
  return { file };
}
