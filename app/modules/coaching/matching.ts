/**
 * "Match me": which coach a member should get. Pure, so the rules are tested on their own:
 * 1. only coaches with a free place;
 * 2. a coach must speak one of the member's languages (when the member named any);
 * 3. more of the member's specialties first;
 * 4. then the lowest load (share of places taken), then fewer members, then a stable order.
 */

export type MatchCandidate = {
  coachId: string;
  languages: readonly string[];
  specialties: readonly string[];
  capacity: number;
  activeMembers: number;
};

export type MatchWish = { languages: readonly string[]; specialties: readonly string[] };

export function hasFreePlace(candidate: Pick<MatchCandidate, "capacity" | "activeMembers">): boolean {
  return candidate.activeMembers < candidate.capacity;
}

export function loadOf(candidate: Pick<MatchCandidate, "capacity" | "activeMembers">): number {
  return candidate.capacity > 0 ? candidate.activeMembers / candidate.capacity : 1;
}

/** Coaches who fit, best first; empty when nobody with a free place speaks the member's language. */
export function rankCoaches<C extends MatchCandidate>(candidates: readonly C[], wish: MatchWish): C[] {
  const speaks = (c: C) => wish.languages.length === 0 || c.languages.some((l) => wish.languages.includes(l));
  const shared = (c: C) => c.specialties.filter((s) => wish.specialties.includes(s)).length;
  return candidates
    .filter((c) => hasFreePlace(c) && speaks(c))
    .map((c) => ({ c, shared: shared(c), load: loadOf(c) }))
    .sort(
      (a, b) =>
        b.shared - a.shared ||
        a.load - b.load ||
        a.c.activeMembers - b.c.activeMembers ||
        (a.c.coachId < b.c.coachId ? -1 : a.c.coachId > b.c.coachId ? 1 : 0),
    )
    .map(({ c }) => c);
}

/** The best coach for the wish, or null (the member waits for a place). */
export function bestCoach<C extends MatchCandidate>(candidates: readonly C[], wish: MatchWish): C | null {
  return rankCoaches(candidates, wish)[0] ?? null;
}
