import { closeDb, db } from "./client.server";
import { refreshReports } from "../app/modules/analytics/rollups.server";

// Recomputes every report rollup from the raw rows (the 5-minute job then continues from this run's watermark).
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: point it at the database whose reports to rebuild.");
  process.exit(1);
}
try {
  const result = await refreshReports(db(), new Date(), { full: true });
  console.log(`Reports rebuilt in ${(result.ms / 1000).toFixed(1)} s: ${result.members} members, ${result.activityDays} activity days.`);
} catch (error) {
  console.error("Rebuild failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
