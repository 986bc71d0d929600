import { z } from "zod";
import { isLocalDate } from "~/lib/local-date";
import type { AppLocale } from "~/lib/i18n";
import {
  ARTICLE_TOPICS,
  CONTENT_KINDS,
  FAQ_CATEGORIES,
  MAX_BODY_MARKDOWN,
  MAX_SUMMARY,
  MAX_TITLE,
  MEDICAL_TOPICS,
  parseSourceLines,
  SITE_PAGES,
  HOMEPAGE_HERO,
  SLUG_PATTERN,
  slugify,
  type ArticleTopic,
  type ContentKindName,
} from "./document";

const LANGUAGES: AppLocale[] = ["en", "vi"];
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
// conform posts an empty field as missing: every text field is optional and reads as "" when absent.
const optionalText = (max: number) =>
  z
    .string()
    .max(max, "contentAdmin:errors.tooLong")
    .default("")
    .transform((v) => v.trim());

/** The topics (or FAQ categories, or page keys) an item of each kind may have. */
export const TOPICS_BY_KIND: Record<ContentKindName, readonly string[]> = {
  article: ARTICLE_TOPICS,
  roadmap: ARTICLE_TOPICS,
  faq: FAQ_CATEGORIES,
  page: [...SITE_PAGES, HOMEPAGE_HERO],
  "blog-post": [],
};

const MAX_TAGS = 12;

/**
 * The editor's one form: shared fields, and per language slug, title, summary and Markdown.
 * A language is written when its title is; an empty slug is made from the title.
 */
export const contentFormSchema = z
  .object({
    kind: z.enum(CONTENT_KINDS, { message: "contentAdmin:errors.kind" }),
    topic: optionalText(40),
    medical: checkbox,
    featured: checkbox,
    tags: optionalText(400),
    authorName: optionalText(120),
    sources: optionalText(20_000),
    ...Object.fromEntries(
      LANGUAGES.flatMap((l) => [
        [`title_${l}`, optionalText(MAX_TITLE)],
        [`slug_${l}`, optionalText(80)],
        [`summary_${l}`, optionalText(MAX_SUMMARY)],
        [
          `markdown_${l}`,
          z
            .string()
            .max(MAX_BODY_MARKDOWN, "contentAdmin:errors.tooLong")
            .default("")
            .transform((v) => v.replace(/\r\n?/g, "\n")),
        ],
      ]),
    ),
  })
  .passthrough()
  .transform((raw, ctx) => {
    const form = raw as unknown as Record<string, string> & {
      kind: ContentKindName;
      medical: boolean;
      featured: boolean;
      topic: string;
      tags: string;
      sources: string;
      authorName: string;
    };
    const allowed = TOPICS_BY_KIND[form.kind];
    if (allowed.length > 0 && !allowed.includes(form.topic))
      ctx.addIssue({ code: "custom", path: ["topic"], message: "contentAdmin:errors.topic" });
    const sources = parseSourceLines(form.sources);
    if ("badLine" in sources) {
      ctx.addIssue({ code: "custom", path: ["sources"], message: "contentAdmin:errors.sourceLine" });
    }
    const tags = [
      ...new Set(
        form.tags
          .split(",")
          .map((t) => slugify(t))
          .filter((t) => t !== ""),
      ),
    ];
    if (tags.length > MAX_TAGS) ctx.addIssue({ code: "custom", path: ["tags"], message: "contentAdmin:errors.tooManyTags" });
    const translations = [];
    for (const locale of LANGUAGES) {
      const title = form[`title_${locale}`] ?? "";
      const markdown = (form[`markdown_${locale}`] ?? "").trim();
      if (title === "" && markdown === "") continue;
      if (title === "") ctx.addIssue({ code: "custom", path: [`title_${locale}`], message: "contentAdmin:errors.titleRequired" });
      if (markdown === "") ctx.addIssue({ code: "custom", path: [`markdown_${locale}`], message: "contentAdmin:errors.bodyRequired" });
      const slug = form[`slug_${locale}`] || slugify(title);
      if (!SLUG_PATTERN.test(slug)) ctx.addIssue({ code: "custom", path: [`slug_${locale}`], message: "contentAdmin:errors.slug" });
      translations.push({ locale, slug, title, summary: form[`summary_${locale}`] ?? "", markdown });
    }
    if (translations.length === 0) ctx.addIssue({ code: "custom", path: ["title_en"], message: "contentAdmin:errors.oneLanguage" });
    const topic = allowed.length > 0 ? form.topic : null;
    return {
      kind: form.kind,
      topic,
      // Health topics always go through review; an editor may ask for review on any other article too.
      medical: form.medical || (form.kind !== "faq" && form.kind !== "page" && MEDICAL_TOPICS.has(topic as ArticleTopic)),
      featured: form.featured,
      tags,
      authorName: form.authorName === "" ? null : form.authorName,
      sources: "sources" in sources ? sources.sources : [],
      translations,
    };
  });

export type ContentFormInput = z.input<typeof contentFormSchema>;

/** When to publish, as the editor's wall clock in their own time zone; empty means now. */
export const scheduleSchema = z.object({
  id: z.string().uuid(),
  date: z.preprocess((v) => (v === "" ? undefined : v), z.string().refine(isLocalDate, "contentAdmin:errors.date").optional()),
  time: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^\d{2}:\d{2}$/, "contentAdmin:errors.time")
      .optional(),
  ),
});
