import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { configuredBackupTarget, createBackup } from "./backup.server";

/** The `nightly-backup` job (BACKUP_NIGHTLY=on): one backup into the configured target, then its retention. A rerun only adds one more backup. */
export async function nightlyBackup(databaseUrl: string, now: Date) {
  const e = env();
  const result = await createBackup(databaseUrl, configuredBackupTarget(e), { keep: e.BACKUP_KEEP, pgBinDir: e.PG_BIN_DIR, now });
  logger.info(
    { backup: result.name, bytes: result.bytes, ms: Math.round(result.ms), removed: result.removed.length, target: result.target },
    "database backup",
  );
  return { name: result.name, bytes: result.bytes, removed: result.removed };
}
