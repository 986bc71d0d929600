import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import type { AppLocale } from "~/lib/i18n";
import { foldAccents } from "~/lib/fold";
import { parseContentBody, splitSections } from "~/modules/content/document";
import type { Passage } from "./provider";

/** Words that say nothing about the topic, in both languages (folded). */
const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at for with from by is are was were be been am i me my we you your it this that these those " +
    "what how why when where which who do does did can could should would will just so very really now right get got have has had " +
    "about any some there here not no yes please help tell know want need feel ok " +
    "toi minh em anh ban la va hay thi co khong gi nao the nay kia do nhu vay duoc bi cho cua voi tu den o trong ngoai " +
    "mot nhung cac rat qua lam roi chua da dang se phai nen muon can biet hoi sao ai khi nao bao nhieu " +
    // Words of every article here (quitting, smoking): they rank nothing.
    "quit quits quitting quitted stop stopped stopping smoke smoked smoking smoker cigarette cigarettes since after day days time " +
    "bo cai hut thuoc la dieu sau tu tuw tuf"
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

/** A term as matched against the articles: long words by their stem as a prefix ("cravings" finds "craving"). */
function stem(term: string): { word: string; prefix: boolean } {
  const word = term.length > 4 && term.endsWith("s") && !term.endsWith("ss") ? term.slice(0, -1) : term;
  return { word, prefix: word.length >= 5 };
}

/** Adjacent word pairs of the question, stopwords kept: Vietnamese says "thèm thuốc" (craving) in two syllables. */
function questionPairs(question: string): string[] {
  const words = foldAccents(question)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter(Boolean);
  const pairs = words.slice(1).map((w, i) => [words[i]!, w] as const);
  return [...new Set(pairs.filter(([a, b]) => !STOPWORDS.has(a) || !STOPWORDS.has(b)).map(([a, b]) => `${a} ${b}`))];
}

type ArticleRow = { id: string; medical: boolean; slug: string; title: string; summary: string; body: unknown; rank: number };

// Candidates for the re-ranking below: enough that a tie on rarity is not cut by publication date.
const MAX_ARTICLES = 40;
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
 * articles ranked by full-text search over the accent-folded search document (each matched word
 * weighted by its rarity among the articles), or — when nothing matches, say a misspelt word — by trigram
 * similarity of its words to the document's; then within each article, the section sharing
 * most words with the question. Two statements at most.
 */
export async function retrievePassages(db: Database, question: string, locale: AppLocale): Promise<Passage[]> {
  const terms = queryTerms(question);
  if (terms.length === 0) return [];
  let rows: ArticleRow[] = [];
  const words = terms
    .map((t) => stem(t.replace(/[^a-z0-9]/g, "")))
    .filter((w) => w.word)
    .map((w) => (w.prefix ? `${w.word}:*` : w.word));
  if (words.length > 0) {
    // Each matched word counts by how rare it is among the hub's articles (inverse document frequency),
    // so "craving" decides and "work" barely does. Words are [a-z0-9] (":*" marks a prefix): safe as a text[] literal.
    rows = await db.execute<ArticleRow>(sql`
      with docs as (
        select i.id, i.medical, i.published_at, t.slug, t.title, t.summary, t.body, t.search_document
        from content_translations t join content_items i on i.id = t.item_id
        where t.locale = ${locale} and i.kind = 'article' and i.status = 'published'
      ),
      total as (select count(*)::float8 as n from docs),
      df as (
        select w.word, count(d.id)::float8 as n
        from unnest(${`{${words.join(",")}}`}::text[]) w(word)
        left join docs d on d.search_document @@ to_tsquery('simple', w.word)
        group by w.word
      )
      select d.id, d.medical, d.slug, d.title, d.summary, d.body, sum(ln((total.n + 1) / (df.n + 0.5))) as rank
      from docs d join df on df.n > 0 and d.search_document @@ to_tsquery('simple', df.word) cross join total
      group by d.id, d.medical, d.published_at, d.slug, d.title, d.summary, d.body
      order by rank desc, d.published_at desc limit ${MAX_ARTICLES}`);
  }
  if (rows.length === 0) {
    // Terms are letters and digits only (queryTerms), so they form a text[] literal as one parameter.
    const long = terms.filter((t) => t.length >= 4);
    if (long.length === 0) return [];
    rows = await db.execute<ArticleRow>(sql`
      select i.id, i.medical, t.slug, t.title, t.summary, t.body, s.rank
      from content_translations t join content_items i on i.id = t.item_id
      cross join lateral (
        select sum(word_similarity(term, t.search_document::text)) filter (where word_similarity(term, t.search_document::text) >= 0.5) as rank
        from unnest(${`{${long.join(",")}}`}::text[]) term
      ) s
      where t.locale = ${locale} and i.kind = 'article' and i.status = 'published' and s.rank > 0
      order by s.rank desc limit ${MAX_ARTICLES}`);
  }
  const stems = terms.map(stem);
  const pairs = questionPairs(question);
  const fold = (text: string) => ` ${foldAccents(text).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const hits = (text: string) => {
    const folded = fold(text);
    return stems.reduce((n, { word, prefix }) => n + (folded.includes(prefix ? ` ${word}` : ` ${word} `) ? 1 : 0), 0);
  };
  const pairHits = (text: string) => {
    const folded = fold(text);
    return pairs.reduce((n, pair) => n + (folded.includes(` ${pair} `) ? 1 : 0), 0);
  };
  // Re-ranked here: a word in the title, then the summary, says more about what an article is for than one in its body.
  const ranked = rows
    .map((row) => {
      const sections = splitSections(parseContentBody(row.body).markdown);
      let best = sections[0];
      let bestScore = -1;
      for (const section of sections) {
        const score = hits(`${section.heading ?? ""} ${section.markdown}`);
        if (score > bestScore) [best, bestScore] = [section, score];
      }
      return {
        row,
        best,
        score:
          Number(row.rank) +
          3 * hits(row.title) +
          hits(row.summary) +
          2 * pairHits(`${row.title} ${row.summary}`) +
          0.5 * Math.max(0, bestScore),
      };
    })
    .sort((a, b) => b.score - a.score);
  const passages: Passage[] = [];
  for (const { row, best } of ranked) {
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
