import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import type { AppLocale } from "~/lib/i18n";
import { foldAccents } from "~/modules/community/search";
import { parseContentBody, splitSections } from "~/modules/content/document";
import type { Passage } from "./provider";

/** Words that say nothing about the topic, in both languages (folded). */
const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at for with from by is are was were be been am i me my we you your it this that these those " +
    "what how why when where which who do does did can could should would will just so very really now right get got have has had " +
    "about any some there here not no yes please help tell know want need feel ok " +
    "toi minh em anh ban la va hay thi co khong gi nao the nay kia do nhu vay duoc bi cho cua voi tu den o trong ngoai " +
    "mot nhung cac rat qua lam roi chua da dang se phai nen muon can biet hoi sao ai khi nao bao nhieu"
  ).split(" "),
);

/** The question's meaningful words, folded like the search documents (community/search.ts). */
export function queryTerms(question: string): string[] {
  const words = foldAccents(question)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w));
  return [...new Set(words)].slice(0, 16);
}

type ArticleRow = { id: string; medical: boolean; slug: string; title: string; body: unknown; rank: number };

const MAX_ARTICLES = 4;
const MAX_PASSAGES = 3;
const PASSAGE_CHARS = 900;

function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[#*_`>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The knowledge-hub sections that best answer a question, in the member's language: published
 * articles and FAQ entries ranked by full-text search over the accent-folded search document
 * (any of the question's words), or — when nothing matches, say a misspelt word — by trigram
 * similarity of its words to the document's; then within each article, the section sharing
 * most words with the question. Two statements at most.
 */
export async function retrievePassages(db: Database, question: string, locale: AppLocale): Promise<Passage[]> {
  const terms = queryTerms(question);
  if (terms.length === 0) return [];
  const tsquery = terms
    .map((t) => t.replace(/[^a-z0-9]/g, ""))
    .filter(Boolean)
    .join(" | ");
  let rows: ArticleRow[] = [];
  if (tsquery) {
    rows = await db.execute<ArticleRow>(sql`
      select i.id, i.medical, t.slug, t.title, t.body, ts_rank(t.search_document, to_tsquery('simple', ${tsquery})) as rank
      from content_translations t join content_items i on i.id = t.item_id
      where t.locale = ${locale} and i.kind = 'article' and i.status = 'published'
        and t.search_document @@ to_tsquery('simple', ${tsquery})
      order by rank desc, i.published_at desc limit ${MAX_ARTICLES}`);
  }
  if (rows.length === 0) {
    const long = terms.filter((t) => t.length >= 4);
    if (long.length === 0) return [];
    rows = await db.execute<ArticleRow>(sql`
      select i.id, i.medical, t.slug, t.title, t.body, s.rank
      from content_translations t join content_items i on i.id = t.item_id
      cross join lateral (
        select sum(word_similarity(term, t.search_document::text)) filter (where word_similarity(term, t.search_document::text) >= 0.5) as rank
        from unnest(${long}::text[]) term
      ) s
      where t.locale = ${locale} and i.kind = 'article' and i.status = 'published' and s.rank > 0
      order by s.rank desc limit ${MAX_ARTICLES}`);
  }
  const passages: Passage[] = [];
  for (const row of rows) {
    const sections = splitSections(parseContentBody(row.body).markdown);
    let best = sections[0];
    let bestScore = -1;
    for (const section of sections) {
      const folded = ` ${foldAccents(`${section.heading ?? ""} ${section.markdown}`).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
      const score = terms.reduce((n, term) => n + (folded.includes(` ${term} `) ? 1 : 0), 0);
      if (score > bestScore) [best, bestScore] = [section, score];
    }
    if (!best) continue;
    passages.push({
      marker: `p${passages.length + 1}`,
      itemId: row.id,
      slug: row.slug,
      sectionId: best.id,
      title: row.title,
      heading: best.heading,
      text: plainText(best.markdown).slice(0, PASSAGE_CHARS),
      medical: row.medical,
    });
    if (passages.length >= MAX_PASSAGES) break;
  }
  return passages;
}
