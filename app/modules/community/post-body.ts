import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import { blankToUndefined, formList, isUnique, memberText } from "./member-text";
import { versionedDocument } from "./versioned-document";

export const POST_KINDS = ["post", "story", "badge-share", "question"] as const;
export const POST_TAGS = ["cravings", "milestones", "tips", "questions", "support", "stories"] as const;
export const MAX_POST_TEXT = 5000;
export const MAX_POST_IMAGES = 4;
export const MAX_POST_TAGS = 5;

export type PostKind = (typeof POST_KINDS)[number];
export type PostTag = (typeof POST_TAGS)[number];

const postKind = z.enum(POST_KINDS, { errorMap: () => ({ message: "community:errors.kindInvalid" }) });
const postTag = z.enum(POST_TAGS, { errorMap: () => ({ message: "community:errors.tagInvalid" }) });
const postText = memberText({ max: MAX_POST_TEXT, required: "community:errors.textRequired", tooLong: "community:errors.textTooLong" });

const imageIds = z
  .array(z.string({ invalid_type_error: "community:errors.imageInvalid" }).uuid("community:errors.imageInvalid"), {
    invalid_type_error: "community:errors.imageInvalid",
  })
  .max(MAX_POST_IMAGES, "community:errors.tooManyImages")
  .refine(isUnique, "community:errors.imageDuplicate");

const tags = z
  .array(postTag, { invalid_type_error: "community:errors.tagInvalid" })
  .max(MAX_POST_TAGS, "community:errors.tooManyTags")
  .refine(isUnique, "community:errors.tagDuplicate");

const awardId = z
  .string({ required_error: "community:errors.badgeRequired", invalid_type_error: "community:errors.badgeInvalid" })
  .uuid("community:errors.badgeInvalid");

/** A shared badge belongs to a badge-share post and to nothing else. */
function requireBadgeOnlyForBadgeShare(kind: PostKind, hasBadge: boolean, ctx: z.RefinementCtx, path: string[]) {
  if (kind === "badge-share" && !hasBadge) ctx.addIssue({ code: "custom", path, message: "community:errors.badgeRequired" });
  if (kind !== "badge-share" && hasBadge) ctx.addIssue({ code: "custom", path, message: "community:errors.badgeNotAllowed" });
}

export const postBodyV1 = z
  .object({
    version: z.literal(1),
    kind: postKind,
    text: postText,
    imageIds: imageIds.default([]),
    tags: tags.default([]),
    badge: z.object({ awardId }).optional(),
  })
  .superRefine((body, ctx) => requireBadgeOnlyForBadgeShare(body.kind, body.badge !== undefined, ctx, ["badge"]));

export type PostBodyV1 = z.output<typeof postBodyV1>;
/** The body of a post as the application uses it: always the current version. */
export type PostBody = PostBodyV1;
export const CURRENT_POST_BODY_VERSION = 1;

/** Validates a body read from the database or built by the server; older versions are upgraded. */
export const safeParsePostBody = versionedDocument<PostBody>({
  current: { version: CURRENT_POST_BODY_VERSION, schema: postBodyV1 },
  older: {},
  unsupportedMessage: "community:errors.bodyVersionUnsupported",
});

export function parsePostBody(document: unknown): PostBody {
  const result = safeParsePostBody(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DomainError("invalid", issue?.message.startsWith("community:") ? issue.message : "community:errors.bodyInvalid", {
    field: issue?.path.join("."),
  });
}

/**
 * The new-post form, as posted (with or without JavaScript): tags and imageIds may arrive as
 * repeated fields or comma-separated strings, blanks mean "not given". Field errors carry the
 * form's own field names; the result is a current-version PostBody.
 */
export const postFormSchema = z
  .object({
    kind: z.preprocess(blankToUndefined, postKind.default("post")),
    text: postText,
    tags: z.preprocess((value) => dedupe(formList(value), (tag) => (typeof tag === "string" ? tag.toLowerCase() : tag)), tags),
    imageIds: z.preprocess(formList, imageIds),
    awardId: z.preprocess(blankToUndefined, awardId.optional()),
  })
  .superRefine((form, ctx) => requireBadgeOnlyForBadgeShare(form.kind, form.awardId !== undefined, ctx, ["awardId"]))
  .transform((form): PostBody => ({
    version: 1,
    kind: form.kind,
    text: form.text,
    imageIds: form.imageIds,
    tags: form.tags,
    ...(form.awardId ? { badge: { awardId: form.awardId } } : {}),
  }));

export type PostForm = z.input<typeof postFormSchema>;

function dedupe(value: unknown, normalise: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? [...new Set(value.map(normalise))] : value;
}
