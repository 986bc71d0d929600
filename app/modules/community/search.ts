/**
 * Accent-insensitive search over posts, in English and Vietnamese.
 *
 * Postgres side (the DB work builds on this): the search document is
 * `to_tsvector('simple', <buildSearchDocument(...)>)` stored in a generated/maintained column
 * with a GIN index, and the query is `websearch_to_tsquery('simple', $1)` with
 * buildSearchQuery's result bound as a parameter — never interpolated. 'simple' because
 * stemming is English-only and would mangle Vietnamese syllables; folding in the app (not the
 * unaccent extension) keeps documents and queries folded by the same code.
 * websearch_to_tsquery never raises a syntax error, so members may use "quoted phrases",
 * `or` and `-excluded` words.
 */

import { foldAccents } from "~/lib/fold";

export const MAX_SEARCH_QUERY_LENGTH = 200;
export const MAX_SEARCH_TERMS = 12;

/** The folded text a post is searched by: its words, and its tags as words. */
export function buildSearchDocument(parts: readonly string[]): string {
  return foldAccents(parts.join(" "))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * What a member typed in the search box, ready for `websearch_to_tsquery('simple', $1)`, or
 * null when there is nothing to search for. Keeps words, "quotes" and a leading - (exclude);
 * other punctuation becomes space. Folded like documents, capped in length and term count.
 */
export function buildSearchQuery(userInput: string): string | null {
  const terms = foldAccents(userInput.slice(0, MAX_SEARCH_QUERY_LENGTH * 2))
    .replace(/[^\p{L}\p{N}"\s-]+/gu, " ")
    .replace(/(^|\s)-+(?=\s|$)/g, " ")
    .split(/\s+/)
    .filter((term) => term !== "")
    .slice(0, MAX_SEARCH_TERMS);

  let query = "";
  for (const term of terms) {
    const next = query === "" ? term : `${query} ${term}`;
    if (next.length > MAX_SEARCH_QUERY_LENGTH) break;
    query = next;
  }
  return /[\p{L}\p{N}]/u.test(query) ? query : null;
}
