import type { Database } from "#db/client.server";
import { remember } from "~/lib/remember.server";
import { journeyState, type JourneyState } from "./state.server";
import { dashboardAggregates, type DashboardAggregates } from "./progress.server";

/**
 * Journey figures remembered per member and journey version.
 *
 * `users.journey_version` is bumped by database triggers in the same transaction as any change to
 * the member's journey rows, by any process, and the session lookup already returns it. A page
 * that asks for the same member at the same version gets the figures computed the first time
 * instead of running the statements again. The version is read before the figures, so what is
 * remembered is never older than the version it is filed under. Loaders read through here;
 * actions read fresh, inside their own transactions.
 */
export type JourneyReader = { id: string; journeyVersion: number };

type Entry = { version: number; state?: Promise<JourneyState>; aggregates: Map<string, Promise<DashboardAggregates>> };

/** Members kept per process (least recently used go first), and dashboard variants per member. */
const MAX_MEMBERS = 2_000;
const MAX_VARIANTS = 8;

const entries = remember("journeyCache", () => new Map<string, Entry>());

function entryFor(member: JourneyReader): Entry {
  let entry = entries.get(member.id);
  if (entry) entries.delete(member.id);
  if (!entry || entry.version !== member.journeyVersion) entry = { version: member.journeyVersion, aggregates: new Map() };
  entries.set(member.id, entry);
  if (entries.size > MAX_MEMBERS) entries.delete(entries.keys().next().value!);
  return entry;
}

/** A failed read is not remembered: the next request tries again. */
function remembered<T>(pending: Promise<T>, forget: () => void): Promise<T> {
  pending.catch(forget);
  return pending;
}

export function cachedJourneyState(db: Database, member: JourneyReader): Promise<JourneyState> {
  const entry = entryFor(member);
  entry.state ??= remembered(journeyState(db, member.id), () => (entry.state = undefined));
  return entry.state;
}

export function cachedDashboardAggregates(
  db: Database,
  member: JourneyReader,
  args: Parameters<typeof dashboardAggregates>[2],
): Promise<DashboardAggregates> {
  const entry = entryFor(member);
  const key = JSON.stringify(args);
  let pending = entry.aggregates.get(key);
  if (!pending) {
    if (entry.aggregates.size >= MAX_VARIANTS) entry.aggregates.clear();
    pending = remembered(dashboardAggregates(db, member.id, args), () => entry.aggregates.delete(key));
    entry.aggregates.set(key, pending);
  }
  return pending;
}
