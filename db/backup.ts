import { configuredBackupTarget, createBackup } from "../app/modules/backups/backup.server";
import { EnvError, parseEnv } from "../app/lib/env.server";

// npm run db:backup: one pg_dump of DATABASE_URL into the configured target, then the retention policy.
try {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) throw new EnvError(["DATABASE_URL is not set: point it at the database to back up"]);
  const result = await createBackup(env.DATABASE_URL, configuredBackupTarget(env), { keep: env.BACKUP_KEEP, pgBinDir: env.PG_BIN_DIR });
  console.log(
    `Backup ${result.name} (${(result.bytes / 1024 / 1024).toFixed(1)} MB) written to ${result.target} in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  if (result.removed.length > 0) console.log(`Kept the ${env.BACKUP_KEEP} newest; removed ${result.removed.join(", ")}.`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
