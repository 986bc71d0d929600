import { z } from "zod";
import { versionedDocument } from "~/modules/community/versioned-document";

/** The knowledge hub's topics, in the order the hub lists them. */
export const ARTICLE_TOPICS = [
  "cravings",
  "withdrawal",
  "medication",
  "money",
  "health-recovery",
  "relapse",
  "vaping",
  "pregnancy",
  "helping-someone",
] as const;
export type ArticleTopic = (typeof ARTICLE_TOPICS)[number];

/** Topics whose articles give health advice: they publish only after a reviewer approves the revision. */
export const MEDICAL_TOPICS: ReadonlySet<ArticleTopic> = new Set(["withdrawal", "medication", "health-recovery", "vaping", "pregnancy"]);

export const FAQ_CATEGORIES = ["quitting", "app", "billing", "privacy"] as const;
export const SITE_PAGES = ["about", "terms", "privacy"] as const;
export type SitePage = (typeof SITE_PAGES)[number];
/** The homepage's hero, written as a `page` with this key: its title is the headline, its summary the text under it. */
export const HOMEPAGE_HERO = "home";

export const CONTENT_KINDS = ["article", "roadmap", "blog-post", "faq", "page"] as const;
export type ContentKindName = (typeof CONTENT_KINDS)[number];

export const MAX_BODY_MARKDOWN = 40_000;
export const MAX_TITLE = 160;
export const MAX_SUMMARY = 400;

/** Version 1 of a translation's body: the Markdown an editor wrote. Sections are derived from its headings. */
const bodyV1 = z.object({ version: z.literal(1), markdown: z.string().max(MAX_BODY_MARKDOWN) }).strict();
export type ContentBody = z.output<typeof bodyV1>;

export const safeParseContentBody = versionedDocument<ContentBody>({
  current: { version: 1, schema: bodyV1 },
  unsupportedMessage: "content:errors.unsupportedBody",
});

export function parseContentBody(document: unknown): ContentBody {
  const parsed = safeParseContentBody(document);
  if (!parsed.success) throw new Error(`content body does not parse: ${parsed.error.message}`);
  return parsed.data;
}

export const sourceSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    publisher: z.string().trim().min(1).max(200),
    year: z.number().int().min(1950).max(2100),
    url: z
      .string()
      .url()
      .max(2048)
      .refine((u) => /^https:\/\//.test(u), "content:errors.sourceUrl"),
  })
  .strict();
export type ContentSource = z.output<typeof sourceSchema>;

export function parseSources(document: unknown): ContentSource[] {
  const parsed = z.array(sourceSchema).max(30).safeParse(document);
  return parsed.success ? parsed.data : [];
}

/**
 * Sources as an editor types them, one per line: `Title | Publisher | Year | https://link`.
 * Returns the sources, or the 1-based number of the first line that is not one.
 */
export function parseSourceLines(text: string): { sources: ContentSource[] } | { badLine: number } {
  const sources: ContentSource[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const [title = "", publisher = "", year = "", url = ""] = line.split("|").map((part) => part.trim());
    const parsed = sourceSchema.safeParse({ title, publisher, year: Number(year), url });
    if (!parsed.success) return { badLine: i + 1 };
    sources.push(parsed.data);
  }
  return { sources };
}

export function sourceLines(sources: readonly ContentSource[]): string {
  return sources.map((s) => `${s.title} | ${s.publisher} | ${s.year} | ${s.url}`).join("\n");
}

/** Lower-case Latin letters, digits and hyphens: Vietnamese slugs are written without accents. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/**
 * One passage of an article, addressable by id (`#id` on the page, and what the AI coach cites).
 * The text before the first heading is the `intro` section.
 */
export type ContentSection = { id: string; heading: string | null; level: 2 | 3; markdown: string };

const HEADING = /^(#{2,3})[ \t]+(.+?)(?:[ \t]+\{#([a-z0-9-]{1,60})\})?[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits Markdown at its `##`/`###` headings (outside code fences). Ids are `{#explicit}` or the heading's slug, made unique. */
export function splitSections(markdown: string): ContentSection[] {
  const sections: ContentSection[] = [];
  const used = new Set<string>();
  let current: ContentSection = { id: "intro", heading: null, level: 2, markdown: "" };
  const lines: string[] = [];
  let inFence = false;
  const flush = () => {
    current.markdown = lines.join("\n").trim();
    if (current.heading !== null || current.markdown !== "") {
      sections.push(current);
      used.add(current.id);
    }
    lines.length = 0;
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    const text = heading[2]!.trim();
    const base = heading[3] ?? (slugify(text) || "section");
    let id = base;
    for (let n = 2; used.has(id) || id === "intro"; n++) id = `${base}-${n}`;
    used.add(id);
    current = { id, heading: text, level: heading[1]!.length === 2 ? 2 : 3, markdown: "" };
  }
  flush();
  return sections;
}

/** Minutes to read at about 200 words a minute (Vietnamese syllables count as words), at least 1. */
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.round(words / 200));
}
