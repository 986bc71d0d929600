import { type CaseloadQuery, type CaseloadSort, CASELOAD_PAGE_SIZE } from "./caseload-query";
import { riskRank, type RiskAssessment, type RiskLevel } from "./risk";

export { CASELOAD_SORTS, caseloadQuery, type CaseloadQuery, type CaseloadSort } from "./caseload-query";

/** One member on a coach's caseload, as the page lists them. */
export type CaseloadEntry = {
  memberId: string;
  displayName: string;
  smokeFreeDays: number | null;
  checkInStreakDays: number;
  lastCheckIn: string | null;
  lastMessageAt: string | null;
  unread: number;
  risk: RiskAssessment;
};

/**
 * A sort key per member: a tuple compared left to right, ending in the member id so every
 * member has a distinct position and a cursor names exactly one place in the order.
 */
type SortKey = (string | number)[];

function sortKey(entry: CaseloadEntry, sort: CaseloadSort): SortKey {
  const name = entry.displayName.toLocaleLowerCase("en");
  switch (sort) {
    case "risk":
      // High first, then the higher score, then the longest-waiting unread, then name.
      return [riskRank(entry.risk.level), -entry.risk.score, -entry.unread, name, entry.memberId];
    case "last-message":
      // Most recent first; members who never wrote last.
      return [entry.lastMessageAt ? -Date.parse(entry.lastMessageAt) : Number.MAX_SAFE_INTEGER, name, entry.memberId];
    case "smoke-free":
      // Fewest smoke-free days first (they need the coach most); no active attempt last.
      return [entry.smokeFreeDays ?? Number.MAX_SAFE_INTEGER, name, entry.memberId];
    case "name":
      return [name, entry.memberId];
  }
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string | undefined): SortKey | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(key) && key.every((k) => typeof k === "string" || typeof k === "number") ? key : null;
  } catch {
    return null;
  }
}

export type CaseloadPage<E extends CaseloadEntry = CaseloadEntry> = {
  entries: E[];
  /** The cursor of the next page, or null on the last page. */
  next: string | null;
  total: number;
  counts: Record<RiskLevel, number>;
};

/**
 * One page of the caseload after the cursor: filtered, ordered by the chosen sort, the members
 * strictly after the cursor's position. The cursor is a position in the order, not an offset, so a
 * member who joins or leaves between pages never makes another one appear twice or be skipped.
 */
export function caseloadPage<E extends CaseloadEntry>(
  all: readonly E[],
  query: CaseloadQuery,
  pageSize = CASELOAD_PAGE_SIZE,
): CaseloadPage<E> {
  const counts: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  for (const entry of all) counts[entry.risk.level]++;
  const filtered = all.filter((e) => (!query.risk || e.risk.level === query.risk) && (!query.unread || e.unread > 0));
  const keyed = filtered.map((entry) => ({ entry, key: sortKey(entry, query.sort) })).sort((a, b) => compareKeys(a.key, b.key));
  const after = decodeCursor(query.after);
  const rest = after ? keyed.filter((k) => compareKeys(k.key, after) > 0) : keyed;
  const page = rest.slice(0, pageSize);
  return {
    entries: page.map((k) => k.entry),
    next: rest.length > pageSize ? encodeCursor(page.at(-1)!.key) : null,
    total: filtered.length,
    counts,
  };
}
