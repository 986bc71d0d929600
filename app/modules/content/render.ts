import { boundedCache } from "~/lib/cache";
import { escapeHtml } from "~/modules/community/html";
import { renderArticleMarkdown } from "~/modules/community/markdown";
import { slugify, type ContentSection } from "./document";

/** An image from the storage module on a line of its own: the only image an article may show. */
const STORED_IMAGE = /^!\[([^\]\n]{0,200})\]\(\/resources\/images\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)$/;

/**
 * A section's HTML: markdown-it with the article allow-list (community/markdown.ts: its escaping,
 * checked by the XSS corpus) for the text, plus stored images; any other image syntax stays text.
 * Headings inside a section get ids under the section's own (`#section-heading`), unique on the page.
 */
export function renderSectionHtml(section: ContentSection): string {
  return renderedSections.getOrCreate(`${section.id}\u0000${section.markdown}`, () => renderUncached(section));
}

// Every anonymous view of an article renders the same sections: remember them (a pure function of id and text).
const renderedSections = boundedCache<string, string>("content-sections", 1_000);

function renderUncached(section: ContentSection): string {
  const parts: string[] = [];
  let text: string[] = [];
  const used = new Set<string>();
  const headingId = (heading: string) => {
    const base = `${section.id}-${slugify(heading) || "part"}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  const flushText = () => {
    if (text.join("").trim() !== "") parts.push(renderArticleMarkdown(text.join("\n"), { headingId }));
    text = [];
  };
  for (const line of section.markdown.split("\n")) {
    const image = STORED_IMAGE.exec(line.trim());
    if (!image) {
      text.push(line);
      continue;
    }
    flushText();
    parts.push(`<figure><img src="/resources/images/${image[2]}" alt="${escapeHtml(image[1]!)}" loading="lazy" decoding="async"></figure>`);
  }
  flushText();
  return parts.join("");
}

export type RenderedSection = { id: string; heading: string | null; level: 2 | 3; html: string };

export function renderSections(sections: readonly ContentSection[]): RenderedSection[] {
  return sections.map((s) => ({ id: s.id, heading: s.heading, level: s.level, html: renderSectionHtml(s) }));
}

/** The image ids a body shows, e.g. for og:image. */
export function storedImageIds(markdown: string): string[] {
  return markdown
    .split("\n")
    .map((line) => STORED_IMAGE.exec(line.trim())?.[2])
    .filter((id): id is string => Boolean(id));
}
