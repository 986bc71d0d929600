import { z } from "zod";
import { foldAccents } from "~/lib/fold";

export type ReviewReason = "blocked-word" | "link-spam";
export type ReviewDecision = { hold: boolean; reasons: ReviewReason[]; matchedWords: string[] };

/** More links than this in one post or comment holds it for review. */
export const MAX_LINKS = 3;
/** Linking the same site more often than this holds it. */
export const MAX_LINKS_TO_ONE_SITE = 2;
/** An account younger than this may not post links without review. */
export const NEW_ACCOUNT_HOURS = 24;

/**
 * Seed for the admin-editable word list: the spam this community actually gets (gambling,
 * quick loans, pills, and — on a quit-smoking site — tobacco and vape sellers). Admins add
 * the abusive words in the admin screen.
 */
export const DEFAULT_BLOCKED_WORDS = {
  en: [
    "casino",
    "sports betting",
    "viagra",
    "cialis",
    "payday loan",
    "crypto giveaway",
    "double your bitcoin",
    "forex signals",
    "buy followers",
    "cheap cigarettes",
    "buy vape",
    "vape shop",
  ],
  vi: [
    "cá độ",
    "nhà cái",
    "tài xỉu",
    "lô đề",
    "xóc đĩa",
    "vay tiền nhanh",
    "vay tiền online",
    "kiếm tiền online",
    "tăng follow",
    "bán vape",
    "vape giá rẻ",
    "thuốc lá điện tử giá rẻ",
  ],
} as const satisfies Record<"en" | "vi", readonly string[]>;

/**
 * Whether new member text should wait for a moderator before anyone sees it.
 *
 * Blocked words match whole words and phrases ("class" never matches "ass"), in any case and
 * with or without Vietnamese accents — with one rule: a word typed WITH accents must carry the
 * same accents as the list entry, so "cả đó" does not match "cá độ", while the unaccented
 * "ca do" (how many people type) does. Entries typed without accents match every spelling.
 *
 * Link spam: more than MAX_LINKS links, more than MAX_LINKS_TO_ONE_SITE to one site, or any
 * link from an account younger than NEW_ACCOUNT_HOURS.
 */
export function checkForReview(text: string, options: { blockedWords: readonly string[]; accountAgeHours: number }): ReviewDecision {
  const reasons: ReviewReason[] = [];
  const matchedWords = findBlockedWords(text, options.blockedWords);
  if (matchedWords.length > 0) reasons.push("blocked-word");
  if (looksLikeLinkSpam(linkedSites(text), options.accountAgeHours)) reasons.push("link-spam");
  return { hold: reasons.length > 0, reasons, matchedWords };
}

type Word = { spelled: string; folded: string; accented: boolean };

function words(text: string): Word[] {
  const spelled =
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return spelled.map((word) => {
    const folded = foldAccents(word);
    return { spelled: word, folded, accented: word !== folded };
  });
}

function sameWord(typed: Word, listed: Word): boolean {
  return typed.folded === listed.folded && (!typed.accented || !listed.accented || typed.spelled === listed.spelled);
}

/** The list entries found in the text, as the admin wrote them. */
export function findBlockedWords(text: string, blockedWords: readonly string[]): string[] {
  const typed = words(text);
  const entriesByFirstWord = new Map<string, { entry: string; phrase: Word[] }[]>();
  for (const entry of blockedWords) {
    const phrase = words(entry);
    if (phrase.length === 0) continue;
    const key = phrase[0]!.folded;
    entriesByFirstWord.set(key, [...(entriesByFirstWord.get(key) ?? []), { entry, phrase }]);
  }

  const found = new Set<string>();
  typed.forEach((word, start) => {
    for (const { entry, phrase } of entriesByFirstWord.get(word.folded) ?? []) {
      if (phrase.every((listed, k) => typed[start + k] !== undefined && sameWord(typed[start + k]!, listed))) found.add(entry);
    }
  });
  return [...found];
}

// Scheme links, www. links, and bare domains with the TLDs spam favours.
const LINK =
  /\bhttps?:\/\/[^\s<>()[\]"'`]+|\bwww\.[^\s<>()[\]"'`]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|xyz|top|club|online|site|shop|store|link|click|io|me|co|vn|ru|cn)\b(?:\/[^\s<>()[\]"'`]*)?/gi;

/** The site of every link in the text, one entry per link (www. ignored). */
export function linkedSites(text: string): string[] {
  const sites: string[] = [];
  for (const [link] of text.matchAll(LINK)) {
    try {
      const url = new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`);
      sites.push(url.hostname.replace(/^www\./, ""));
    } catch {
      sites.push(link.toLowerCase());
    }
  }
  return sites;
}

function looksLikeLinkSpam(sites: string[], accountAgeHours: number): boolean {
  if (sites.length === 0) return false;
  if (accountAgeHours < NEW_ACCOUNT_HOURS) return true;
  if (sites.length > MAX_LINKS) return true;
  const perSite = new Map<string, number>();
  for (const site of sites) perSite.set(site, (perSite.get(site) ?? 0) + 1);
  return [...perSite.values()].some((count) => count > MAX_LINKS_TO_ONE_SITE);
}

export const MODERATION_ACTIONS = ["hide", "restore", "remove", "warn", "suspend", "dismiss"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** A moderator's decision on a post or comment, with the note the history keeps. */
export const moderationSchema = z.object({
  action: z.enum(MODERATION_ACTIONS, { errorMap: () => ({ message: "community:errors.actionInvalid" }) }),
  postId: z.string().uuid("community:errors.notFound"),
  commentId: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("community:errors.notFound").optional()),
  note: z
    .string({ required_error: "community:errors.noteRequired" })
    .trim()
    .min(3, "community:errors.noteRequired")
    .max(500, "community:errors.detailTooLong"),
  days: z.preprocess(
    (v) => (v === "" || v === undefined ? 7 : v),
    z.coerce.number().int().min(1, "community:errors.daysInvalid").max(365, "community:errors.daysInvalid"),
  ),
});
export type ModerationInput = z.output<typeof moderationSchema>;
