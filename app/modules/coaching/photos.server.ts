import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { coachAssignments, conversations, messages } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { isUuid } from "~/lib/uuid";
import { MAX_IMAGE_BYTES, sanitizeImage } from "~/modules/community/images";
import { fileStorage, type StoredFile } from "~/modules/storage/storage.server";

export const PHOTO_FIELD = "photo";
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

/** The form's photo checked by its bytes (JPEG, PNG, WebP), re-encoded without metadata and stored; null when none was sent. */
export async function storeChatPhoto(db: Database, ownerId: string, formData: FormData): Promise<string | null> {
  const upload = formData.get(PHOTO_FIELD);
  if (!upload || typeof upload === "string" || upload.size === 0) return null;
  let image;
  try {
    image = await sanitizeImage(new Uint8Array(await upload.arrayBuffer()));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw photoError(error.message.endsWith("imageTooLarge") ? "photoTooLarge" : "photoType");
  }
  const { id } = await fileStorage(db).put({ bytes: image.bytes, contentType: image.contentType, ownerId });
  return id;
}

/** A message's photo, for the two people in its conversation while the assignment is active (or its coach, once a former member's); anyone else: not found. */
export async function chatPhotoFor(db: Database, userId: string, messageId: string): Promise<StoredFile> {
  if (!isUuid(messageId)) throw new DomainError("not-found", "errors:notFound.title");
  const [row] = await db
    .select({ attachmentId: messages.attachmentId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(coachAssignments, and(eq(coachAssignments.id, conversations.assignmentId), eq(coachAssignments.status, "active")))
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
  const file = row?.attachmentId ? await fileStorage(db).get(row.attachmentId) : null;
  if (!file) throw new DomainError("not-found", "errors:notFound.title");
  return file;
}
