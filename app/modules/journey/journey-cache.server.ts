import type { Database } from "#db/client.server";
import { boundedCache } from "~/lib/cache";
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

// A few kilobytes per member; figures filed under an older version are never asked for again and age out.
const states = boundedCache<string, Promise<JourneyState>>("journey-states", 2_000);
const aggregates = boundedCache<string, Promise<DashboardAggregates>>("journey-aggregates", 4_000);

/** A failed read is not remembered: the next request tries again. */
function remembered<T>(cache: { delete(key: string): void }, key: string, pending: Promise<T>): Promise<T> {
  pending.catch(() => cache.delete(key));
  return pending;
}

export function cachedJourneyState(db: Database, member: JourneyReader): Promise<JourneyState> {
  const key = `${member.id}|${member.journeyVersion}`;
  return states.getOrCreate(key, () => remembered(states, key, journeyState(db, member.id)));
}

export function cachedDashboardAggregates(
  db: Database,
  member: JourneyReader,
  args: Parameters<typeof dashboardAggregates>[2],
): Promise<DashboardAggregates> {
  const key = `${member.id}|${member.journeyVersion}|${JSON.stringify(args)}`;
  return aggregates.getOrCreate(key, () => remembered(aggregates, key, dashboardAggregates(db, member.id, args)));
}
