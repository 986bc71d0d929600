import type { Database } from "#db/client.server";

// The achievements capability evaluates badges here after every journey event (log, check-in, plan change).
export async function afterJourneyEvent(_db: Database, _userId: string): Promise<void> {}
